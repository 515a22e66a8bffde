#pragma once
// gateway-admin's command line: which command, on what, with which options. Everything is
// checked here, before the database is touched, and a mistake is an error naming the option.
#include "core/result.h"
#include "store/accountstore.h"

#include <QStringList>

namespace gw::admin {

enum class Command {
    Help,
    MerchantCreate,
    MerchantList,
    MerchantShow,
    MerchantDeactivate,
    MerchantActivate,
    MerchantRateLimit,
    KeyRotate,
    PaymentsDuplicates,
    Check,
};

struct CommandLine
{
    Command command = Command::Help;
    bool json = false;
    QString target;            // show/activate/deactivate: id or key; rotate: the key
    store::NewAccount account; // create
    qint64 graceSeconds = 24 * 3600;
    int ratePerSecond = 0; // rate-limit: 0 with --unlimited
    int rateBurst = 0;
};

// `arguments` without the program name.
Result<CommandLine> parseCommandLine(const QStringList &arguments);
// "24h", "90m", "30s", "2d" or a number of seconds; at most 30 days.
Result<qint64> parseDuration(const QString &text);
QString usage();

} // namespace gw::admin
