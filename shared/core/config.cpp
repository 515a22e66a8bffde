#include "core/config.h"

#include <QFile>
#include <QUrl>

namespace gw {

namespace {

ApiError badVariable(const QString &name, const QString &why)
{
    return ApiError::badRequest(name + QStringLiteral(" ") + why, name);
}

// Each reader leaves `out` untouched when the variable is unset and fails on a bad value.
std::optional<ApiError> readBool(const QProcessEnvironment &env, const QString &name, bool &out)
{
    if (!env.contains(name))
        return std::nullopt;
    const QString v = env.value(name).trimmed().toLower();
    if (v == QStringLiteral("true") || v == QStringLiteral("1") || v == QStringLiteral("yes"))
        out = true;
    else if (v == QStringLiteral("false") || v == QStringLiteral("0") || v == QStringLiteral("no"))
        out = false;
    else
        return badVariable(
            name, QStringLiteral("must be true or false, not \"%1\"").arg(env.value(name)));
    return std::nullopt;
}

std::optional<ApiError> readInt(const QProcessEnvironment &env, const QString &name, int min,
                                int max, int &out)
{
    if (!env.contains(name))
        return std::nullopt;
    bool ok = false;
    const int v = env.value(name).trimmed().toInt(&ok);
    if (!ok || v < min || v > max)
        return badVariable(name, QStringLiteral("must be a whole number from %1 to %2, not \"%3\"")
                                     .arg(min)
                                     .arg(max)
                                     .arg(env.value(name)));
    out = v;
    return std::nullopt;
}

std::optional<ApiError> readHttpUrl(const QProcessEnvironment &env, const QString &name,
                                    QString &out)
{
    if (!env.contains(name))
        return std::nullopt;
    const QString v = env.value(name).trimmed();
    const QUrl url(v, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https")))
        return badVariable(name,
                           QStringLiteral("must be an absolute http(s) URL, not \"%1\"").arg(v));
    out = v.endsWith(QLatin1Char('/')) ? v.chopped(1) : v;
    return std::nullopt;
}

// API_SECRET_HASH_KEY or API_SECRET_HASH_KEY_FILE (one of them), at least kMinSecretHashKey
// characters without surrounding white space (a file's final newline is dropped).
std::optional<ApiError> readSecretHashKey(const QProcessEnvironment &env, QByteArray &out)
{
    const QString name = QStringLiteral("API_SECRET_HASH_KEY");
    const QString fileName = name + QStringLiteral("_FILE");
    QString source = name;
    if (env.contains(name) && env.contains(fileName))
        return badVariable(name, QStringLiteral("and %1 are both set; set only one").arg(fileName));
    if (env.contains(name)) {
        out = env.value(name).toUtf8().trimmed();
    } else if (env.contains(fileName)) {
        source = fileName;
        QFile f(env.value(fileName));
        if (!f.open(QIODevice::ReadOnly))
            return badVariable(fileName, QStringLiteral("names a file that cannot be read (%1): %2")
                                             .arg(env.value(fileName), f.errorString()));
        out = f.read(4096).trimmed();
    } else {
        return std::nullopt;
    }
    if (out.size() < Config::kMinSecretHashKey)
        return badVariable(source, QStringLiteral("must be at least %1 characters (it has %2); "
                                                  "make one with: openssl rand -hex 32")
                                       .arg(Config::kMinSecretHashKey)
                                       .arg(out.size()));
    return std::nullopt;
}

} // namespace

Result<QByteArray> Config::secretHashKey() const
{
    if (apiSecretHashKey.isEmpty())
        return badVariable(
            QStringLiteral("API_SECRET_HASH_KEY"),
            QStringLiteral(
                "is not set: it keys the hash of merchants' API secrets and must be the same "
                "for every gateway-server and gateway-admin on one database. Make one with "
                "`openssl rand -hex 32` and keep it like a password (scripts/up keeps one in "
                "run/api-secret-hash.key); or set API_SECRET_HASH_KEY_FILE to a file holding it"));
    return apiSecretHashKey;
}

DatabaseParams Config::migrationDatabase() const
{
    DatabaseParams p = database;
    p.statementTimeoutMs = migrationTimeoutMs;
    p.lockTimeoutMs = migrationTimeoutMs;
    return p;
}

Result<Config> Config::fromEnvironment(const QProcessEnvironment &env)
{
    Config c;
    const QString dbName = QStringLiteral("DATABASE_URL");
    const auto db = parseDatabaseUrl(env.value(
        dbName,
        QStringLiteral("postgresql://gateway_user:gateway_pass@localhost:5432/payment_gateway")));
    if (!db)
        return badVariable(dbName, db.error().description);
    c.database = db.value();
    c.failoverWaitMs = c.database.moreHosts.isEmpty() ? 0 : kFailoverWaitMs;

    const QString redisName = QStringLiteral("REDIS_URL");
    const auto redis =
        parseRedisUrl(env.value(redisName, QStringLiteral("redis://localhost:6379")));
    if (!redis)
        return badVariable(redisName, redis.error().description);
    c.redis = redis.value();
    const QString sentinelsName = QStringLiteral("REDIS_SENTINELS");
    if (!env.value(sentinelsName).trimmed().isEmpty()) {
        const auto sentinels = parseHostPorts(env.value(sentinelsName));
        if (!sentinels)
            return badVariable(sentinelsName, sentinels.error().description);
        c.redis.sentinels = sentinels.value();
    }
    const QString masterName = QStringLiteral("REDIS_MASTER_NAME");
    if (env.contains(masterName)) {
        c.redis.masterName = env.value(masterName).trimmed();
        if (c.redis.masterName.isEmpty() || c.redis.masterName.contains(QLatin1Char(' ')))
            return badVariable(
                masterName,
                QStringLiteral("must be one word, not \"%1\"").arg(env.value(masterName)));
    }

    const std::optional<ApiError> errors[] = {
        readInt(env, QStringLiteral("PORT"), 0, 65535, c.port),
        readInt(env, QStringLiteral("CHECKOUT_PORT"), 0, 65535, c.checkoutPort),
        readHttpUrl(env, QStringLiteral("API_PUBLIC_URL"), c.apiPublicUrl),
        readHttpUrl(env, QStringLiteral("CHECKOUT_PUBLIC_URL"), c.checkoutPublicUrl),
        readBool(env, QStringLiteral("TEST_MODE"), c.testMode),
        readInt(env, QStringLiteral("TEST_PROCESSING_DELAY"), 0, 600000, c.testProcessingDelayMs),
        readBool(env, QStringLiteral("TEST_PAYMENT_SUCCESS"), c.testPaymentSuccess),
        readBool(env, QStringLiteral("WEBHOOK_RETRY_INTERVALS_TEST"), c.webhookRetryIntervalsTest),
        readBool(env, QStringLiteral("WEBHOOK_ALLOW_PRIVATE"), c.webhookAllowPrivate),
        readInt(env, QStringLiteral("SERVER_THREADS"), 1, 256, c.serverThreads),
        readInt(env, QStringLiteral("PAYMENT_WRITERS"), 1, 64, c.paymentWriters),
        readInt(env, QStringLiteral("PAYMENT_WRITER_GATHER_MS"), 0, 50, c.paymentWriterGatherMs),
        readInt(env, QStringLiteral("SERVER_DRAIN_TIMEOUT_MS"), 0, 600'000, c.serverDrainTimeoutMs),
        readInt(env, QStringLiteral("HTTP_IDLE_TIMEOUT_MS"), 100, 3'600'000, c.httpIdleTimeoutMs),
        readInt(env, QStringLiteral("HTTP_STALL_TIMEOUT_MS"), 100, 3'600'000, c.httpStallTimeoutMs),
        readInt(env, QStringLiteral("HTTP_HEADER_TIMEOUT_MS"), 100, 3'600'000,
                c.httpHeaderTimeoutMs),
        readInt(env, QStringLiteral("HTTP_MIN_BODY_RATE"), 0, 1'000'000'000, c.httpMinBodyRate),
        readInt(env, QStringLiteral("HTTP_MAX_CONNECTIONS"), 1, 10'000'000, c.httpMaxConnections),
        readInt(env, QStringLiteral("HTTP_MAX_CONNECTIONS_PER_IP"), 0, 10'000'000,
                c.httpMaxConnectionsPerIp),
        readSecretHashKey(env, c.apiSecretHashKey),
        readInt(env, QStringLiteral("DB_CONNECT_TIMEOUT_S"), 1, 600, c.database.connectTimeoutS),
        readInt(env, QStringLiteral("DB_STATEMENT_TIMEOUT_MS"), 100, 3'600'000,
                c.database.statementTimeoutMs),
        readInt(env, QStringLiteral("DB_LOCK_TIMEOUT_MS"), 100, 3'600'000,
                c.database.lockTimeoutMs),
        readInt(env, QStringLiteral("DB_TCP_USER_TIMEOUT_MS"), 1000, 3'600'000,
                c.database.tcpUserTimeoutMs),
        readInt(env, QStringLiteral("DB_MIGRATION_TIMEOUT_MS"), 1000, 86'400'000,
                c.migrationTimeoutMs),
        readInt(env, QStringLiteral("DB_FAILOVER_WAIT_MS"), 0, 600'000, c.failoverWaitMs),
    };
    for (const auto &e : errors)
        if (e)
            return *e;
    if (c.apiSecretHashKey.isEmpty() && c.testMode) {
        c.apiSecretHashKey = kTestModeSecretHashKey;
        c.apiSecretHashKeyFromTestMode = true;
    }
    c.trustedProxies = env.value(QStringLiteral("TRUSTED_PROXIES")).trimmed();
    if (env.contains(QStringLiteral("BIND_ADDRESS")))
        c.bindAddress = env.value(QStringLiteral("BIND_ADDRESS")).trimmed();
    return c;
}

} // namespace gw
