#include "worker/workersettings.h"

namespace gw::worker {

Result<WorkerSettings> WorkerSettings::fromEnvironment(const QProcessEnvironment &env)
{
    WorkerSettings s;
    const struct
    {
        const char *name;
        int min;
        int max;
        int *out;
    } ints[] = {
        {"WORKER_VISIBILITY_TIMEOUT_MS", 500, 3'600'000, &s.visibilityTimeoutMs},
        {"WORKER_PICKUP_AFTER_MS", 100, 600'000, &s.pickupAfterMs},
        {"WORKER_PICKUP_INTERVAL_MS", 100, 600'000, &s.pickupIntervalMs},
        {"WORKER_SWEEP_AFTER_S", 1, 86'400, &s.sweepAfterSeconds},
        {"WORKER_SWEEP_INTERVAL_MS", 100, 3'600'000, &s.sweepIntervalMs},
        {"WORKER_MAX_IN_FLIGHT", 1, 1'000'000, &s.maxInFlight},
        {"WORKER_SHUTDOWN_GRACE_MS", 0, 600'000, &s.shutdownGraceMs},
        {"WEBHOOK_CONCURRENCY", 1, 10'000, &s.webhookConcurrency},
        {"WEBHOOK_DELIVERY_THREADS", 1, 16, &s.webhookThreads},
        {"WEBHOOK_ENDPOINT_CONNECTIONS", 1, 6, &s.webhookEndpointConnections},
        {"WEBHOOK_BREAKER_FAILURES", 1, 1000, &s.webhookBreakerFailures},
        {"WEBHOOK_BREAKER_COOLDOWN_MS", 100, 3'600'000, &s.webhookBreakerCooldownMs},
        // Above one attempt's 5 s, so that a live claim's attempt is not sent twice at once.
        {"WEBHOOK_LEASE_S", 6, 3'600, &s.webhookLeaseSeconds},
    };
    for (const auto &i : ints) {
        const QString name = QString::fromLatin1(i.name);
        if (!env.contains(name))
            continue;
        bool ok = false;
        const int v = env.value(name).trimmed().toInt(&ok);
        if (!ok || v < i.min || v > i.max)
            return ApiError::badRequest(
                QStringLiteral("%1 must be a whole number from %2 to %3, not \"%4\"")
                    .arg(name)
                    .arg(i.min)
                    .arg(i.max)
                    .arg(env.value(name)),
                name);
        *i.out = v;
    }
    return s;
}

} // namespace gw::worker
