#pragma once
// The worker's own tunables, read from the environment next to core::Config. Defaults suit
// production; the test suites shorten the timeouts so that fault cases run in seconds.
//   WORKER_VISIBILITY_TIMEOUT_MS  an entry unacknowledged and untouched this long is reclaimed
//   (30000) WORKER_SWEEP_AFTER_S          a queued job row this overdue and unknown to Redis is
//   re-pushed (30) WORKER_SWEEP_INTERVAL_MS      how often the sweeper looks (5000)
//   WORKER_MAX_IN_FLIGHT          entries one worker holds at once (20000)
//   WORKER_SHUTDOWN_GRACE_MS      on SIGTERM, time to finish held jobs before releasing them (8000)
//   WEBHOOK_CONCURRENCY           webhook requests under way at once (64)
#include "core/result.h"

#include <QProcessEnvironment>

namespace gw::worker {

struct WorkerSettings
{
    int visibilityTimeoutMs = 30'000;
    int sweepAfterSeconds = 30;
    int sweepIntervalMs = 5'000;
    int maxInFlight = 20'000;
    int shutdownGraceMs = 8'000;
    int webhookConcurrency = 64;
    int webhookTimeoutMs = 5'000; // SPEC.md: a 2xx within 5 s
    int webhookLeaseSeconds = 15; // longer than one attempt can take

    static Result<WorkerSettings> fromEnvironment(const QProcessEnvironment &env);
};

} // namespace gw::worker
