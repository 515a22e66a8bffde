#pragma once
// Parsers for the connection URLs in the environment (DATABASE_URL, REDIS_URL).
#include "core/result.h"

#include <QList>
#include <QString>

namespace gw {

struct DatabaseHost
{
    QString host;
    int port = 5432;
    bool operator==(const DatabaseHost &) const = default;
};

struct DatabaseParams
{
    QString host = QStringLiteral("localhost"); // the first (or only) host
    int port = 5432;
    QList<DatabaseHost> moreHosts; // a multi-host URL's others, tried in order after the first
    QString user;
    QString password;
    QString database;
    // libpq's target_session_attrs; empty leaves libpq's default (any). A URL with several hosts
    // gets read-write unless it names another.
    QString targetSessionAttrs;
    // Session limits (Config reads them from the DB_* variables; docs/operations.md).
    int connectTimeoutS = 3;       // per host tried
    int statementTimeoutMs = 5000; // statement_timeout; the client also gives up after it
    int lockTimeoutMs = 3000;      // lock_timeout
    int tcpUserTimeoutMs = 10'000; // tcp_user_timeout: unacknowledged data for this long
    // Every host, the first one first.
    QList<DatabaseHost> hosts() const;
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

// postgresql://user:pass@host:port/db (postgres:// and a jdbc: prefix are accepted too), or
// libpq's multi-host form postgresql://user:pass@h1:p1,h2:p2,h3/db?target_session_attrs=…
// (IPv6 hosts in brackets).
Result<DatabaseParams> parseDatabaseUrl(const QString &url);
// redis://host:port[/db]
Result<RedisParams> parseRedisUrl(const QString &url);
// host:port,host:port,… (at least one; an IPv6 address in brackets: [::1]:26379)
Result<QList<HostPort>> parseHostPorts(const QString &list);

} // namespace gw
