#pragma once
// Process configuration read from the environment, with SPEC.md's defaults. A bad value is an
// error naming the variable; nothing falls back silently.
#include "core/result.h"
#include "core/urls.h"

#include <QProcessEnvironment>
#include <QString>

namespace gw {

struct Config
{
    DatabaseParams database;
    // statement_timeout and lock_timeout of the migrations runner's session (an index build on a
    // large table takes minutes; processes starting together wait for one another's run).
    int migrationTimeoutMs = 600'000;
    // DB_FAILOVER_WAIT_MS: how long a request that finds no primary taking writes (a failover
    // under way) waits for one before its 503. Unset: kFailoverWaitMs when DATABASE_URL lists
    // several hosts (a failover is something to wait for there), 0 (no wait) with one.
    int failoverWaitMs = 0;
    static constexpr int kFailoverWaitMs = 10'000;
    RedisParams redis;
    int port = 8000;
    int checkoutPort = 3001;
    QString apiPublicUrl = QStringLiteral("http://localhost:8000");
    QString checkoutPublicUrl = QStringLiteral("http://localhost:3001");
    bool testMode = false;
    int testProcessingDelayMs = 1000;
    bool testPaymentSuccess = true;
    bool webhookRetryIntervalsTest = false;
    bool webhookAllowPrivate = false;
    int serverThreads = 0;  // 0: chosen from the core count (see server/README)
    int paymentWriters = 2; // group commit threads of POST /payments, each with a connection
    // How long an idle writer lets a batch gather while another writes (server/writer/gatherrule.h)
    int paymentWriterGatherMs = 2;
    QString bindAddress = QStringLiteral("0.0.0.0");
    int serverDrainTimeoutMs = 10'000; // on SIGTERM, time to answer what is under way
    int httpIdleTimeoutMs = 60'000;    // keep-alive connection with no request under way
    int httpStallTimeoutMs = 10'000;   // a request begun but silent for this long
    int httpHeaderTimeoutMs = 10'000;  // a whole request head, from its first byte (or the accept)
    int httpMinBodyRate = 1024;        // bytes/s a body must average after that grace; 0: off
    int httpMaxConnections = 10'000;   // per process, all threads together
    int httpMaxConnectionsPerIp = 256; // per client address; 0: no cap
    // TRUSTED_PROXIES: the load balancers whose X-Forwarded-For names the client (addresses and
    // subnets, comma-separated; httpguard/trustedproxies.h checks and reads it). Empty: none.
    QString trustedProxies;
    // The key of the API secrets' hash (core/secrethash.h): API_SECRET_HASH_KEY, or the contents
    // of the file API_SECRET_HASH_KEY_FILE names; at least 32 characters. In TEST_MODE without
    // one, kTestModeSecretHashKey (public, so it protects nothing). Empty: none.
    QByteArray apiSecretHashKey;
    bool apiSecretHashKeyFromTestMode = false;
    static constexpr qsizetype kMinSecretHashKey = 32;
    static constexpr const char *kTestModeSecretHashKey =
        "TEST_MODE only: this API secret hash key is public";

    // The key, or an error naming the variable when there is none (outside TEST_MODE). Only the
    // processes that hash or check API secrets (gateway-server, gateway-admin) ask for it.
    Result<QByteArray> secretHashKey() const;

    // `database` with the migrations runner's longer statement and lock timeouts.
    DatabaseParams migrationDatabase() const;

    static Result<Config> fromEnvironment(const QProcessEnvironment &env);
};

} // namespace gw
