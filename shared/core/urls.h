#pragma once
// Parsers for the connection URLs in the environment (DATABASE_URL, REDIS_URL).
#include "core/result.h"

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

struct RedisParams
{
    QString host = QStringLiteral("localhost");
    int port = 6379;
    int db = 0;
};

// postgresql://user:pass@host:port/db (postgres:// and a jdbc: prefix are accepted too).
Result<DatabaseParams> parseDatabaseUrl(const QString &url);
// redis://host:port[/db]
Result<RedisParams> parseRedisUrl(const QString &url);

} // namespace gw
