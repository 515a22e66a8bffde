#pragma once
// Parsers for the connection URLs in the environment (DATABASE_URL, REDIS_URL).
#include "core/result.h"

#include <QList>
#include <QString>

namespace gw {

struct DatabaseParams
{
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString user;
    QString password;
    QString database;
};

struct HostPort
{
    QString host;
    int port = 0;
    QString text() const { return host + QLatin1Char(':') + QString::number(port); }
    bool operator==(const HostPort &) const = default;
};

struct RedisParams
{
    QString host = QStringLiteral("localhost");
    int port = 6379;
    int db = 0;
    // REDIS_SENTINELS: when not empty, the master's address comes from these Sentinels (the
    // master named masterName) and host/port above are not used.
    QList<HostPort> sentinels;
    QString masterName = QStringLiteral("gateway");
};

// postgresql://user:pass@host:port/db (postgres:// and a jdbc: prefix are accepted too).
Result<DatabaseParams> parseDatabaseUrl(const QString &url);
// redis://host:port[/db]
Result<RedisParams> parseRedisUrl(const QString &url);
// host:port,host:port,… (at least one; an IPv6 address in brackets: [::1]:26379)
Result<QList<HostPort>> parseHostPorts(const QString &list);

} // namespace gw
