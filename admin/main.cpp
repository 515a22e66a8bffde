// gateway-admin: parses the command line, opens DATABASE_URL (applying migrations, as the server
// does), runs one command and exits with its code.
#include "admin/admincommands.h"
#include "core/config.h"
#include "store/connection.h"
#include "store/migrator.h"

#include <QCoreApplication>
#include <cstdio>

using namespace gw;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gateway-admin"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const auto cl = admin::parseCommandLine(app.arguments().mid(1));
    if (!cl) {
        err << "gateway-admin: " << cl.error().description << Qt::endl;
        return admin::kBadInput;
    }
    if (cl->command == admin::Command::Help) {
        out << admin::usage();
        return admin::kOk;
    }
    const auto config = Config::fromEnvironment(QProcessEnvironment::systemEnvironment());
    if (!config) {
        err << "gateway-admin: configuration error: " << config.error().description << Qt::endl;
        return admin::kBadInput;
    }
    const auto key = config->secretHashKey();
    if (!key) {
        err << "gateway-admin: configuration error: " << key.error().description << Qt::endl;
        return admin::kBadInput;
    }
    const secrets::Hasher hasher(key.value());
    {
        // Its own session, with the migrations' longer timeouts.
        store::Connection migrate(config->migrationDatabase(), QStringLiteral("gateway-admin"));
        if (auto open = migrate.ensureOpen(); !open) {
            err << "gateway-admin: cannot reach the database " << config->database.host << ':'
                << config->database.port << '/' << config->database.database << ": "
                << open.error().description << Qt::endl;
            return admin::kFailure;
        }
        store::Migrator::quietNotices(migrate);
        if (auto applied = store::Migrator(migrate, hasher).migrate(); !applied) {
            err << "gateway-admin: cannot apply migrations: " << applied.error().description
                << Qt::endl;
            return admin::kFailure;
        }
    }
    // An operator's command, not a request: `check` and `payments duplicates` read every
    // payment and event, longer than a request's statement_timeout allows on a large database
    // (or a fresh one without statistics), so the migrations' time-outs hold here too.
    store::Connection db(config->migrationDatabase(), QStringLiteral("gateway-admin"));
    return admin::run(cl.value(), db, hasher, out, err);
}
