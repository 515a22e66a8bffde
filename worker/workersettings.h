#pragma once
// The worker's own tunables, read from the environment next to core::Config. Defaults suit
// production; the test suites shorten the timeouts so that fault cases run in seconds.
//   WORKER_VISIBILITY_TIMEOUT_MS  an entry unacknowledged and untouched this long is reclaimed
//                                 (30000)
//   WORKER_PICKUP_AFTER_MS        a queued job row this long due is handed to Redis once, which
//                                 appends it unless it knows it: a job whose push was lost (Redis
//                                 down, the API died after COMMIT) runs this late (2000)
//   WORKER_PICKUP_INTERVAL_MS     how often that sweep looks (500)
//   WORKER_SWEEP_AFTER_S          a queued job row this overdue and unknown to Redis is re-pushed,
//                                 again at every sweep (Redis lost it in a restart) (30)
//   WORKER_SWEEP_INTERVAL_MS      how often the overdue sweep looks (5000)
//   WORKER_MAX_IN_FLIGHT          entries one worker holds at once (20000)
//   WORKER_SHUTDOWN_GRACE_MS      on SIGTERM, time to finish held jobs before releasing them (8000)
//   WEBHOOK_DELIVERY_THREADS      threads that send webhooks, each with its own connections (2)
//   WEBHOOK_ENDPOINT_CONNECTIONS  requests under way to one endpoint at once, 1–6 (6)
//   WEBHOOK_CONCURRENCY           requests under way per delivery thread, all endpoints (1024)
//   WEBHOOK_BREAKER_FAILURES      unanswered attempts in a row that open an endpoint's circuit (3)
//   WEBHOOK_BREAKER_COOLDOWN_MS   how long an open circuit waits before its first probe (30000)
#include "core/result.h"

#include <QProcessEnvironment>

namespace gw::worker {

struct WorkerSettings
{
    int visibilityTimeoutMs = 30'000;
    int pickupAfterMs = 2'000;
    int pickupIntervalMs = 500;
    int sweepAfterSeconds = 30;
    int sweepIntervalMs = 5'000;
    int maxInFlight = 20'000;
    int shutdownGraceMs = 8'000;
    int webhookThreads = 2;
    // At most 6, as when Qt's pool set the limit: a receiver sees no more connections than before.
    int webhookEndpointConnections = 6;
    int webhookConcurrency = 1024;
    int webhookBreakerFailures = 3;
    int webhookBreakerCooldownMs = 30'000;
    int webhookTimeoutMs = 5'000; // SPEC.md: a 2xx within 5 s
    // Longer than one attempt plus its wait in the endpoint's queue usually takes; a delivery
    // that outlives its lease is still recorded once (the record checks the attempt count). A
    // claim of a worker that died holds its log this long before another worker sends it.
    int webhookLeaseSeconds = 60;

    static Result<WorkerSettings> fromEnvironment(const QProcessEnvironment &env);
};

} // namespace gw::worker
