#pragma once
// The Redis side of the job queue: the fast path from a committed job row to a worker.
// Producers push JobRefs after COMMIT; workers consume them through JobStream.
//
// Keys (all owned here):
//   gw:jobs          stream of {id, kind, subject}; consumer group "workers" delivers each entry to
//                    one worker; an entry stays in the group's pending list until acknowledged
//   gw:jobs:delayed  sorted set of due jobs (score: due time in ms), moved into the stream when due
//   gw:jobs:known    set of job ids that have an entry in the stream or the delayed set, so that
//                    the sweeper re-pushes only the jobs Redis lost or never got
//   gw:jobs:stats    hash {completed, failed}
//   gw:metrics       hash of counters job.<kind>.<outcome>, webhook.attempt.<outcome> (/metrics)
#include "core/job.h"
#include "queue/redisclient.h"

#include <QList>

namespace gw::queue {

// Queue counts for GET /api/v1/test/jobs/status.
struct JobCounts
{
    qint64 pending = 0;    // waiting in the stream or delayed (queued + delayed)
    qint64 queued = 0;     // waiting in the stream for a worker
    qint64 delayed = 0;    // in the delayed set until their time comes
    qint64 processing = 0; // delivered to a worker, not yet acknowledged
    qint64 completed = 0;
    qint64 failed = 0;
};

class JobQueue
{
public:
    static constexpr const char *kStream = "gw:jobs";
    static constexpr const char *kGroup = "workers";
    static constexpr const char *kDelayed = "gw:jobs:delayed";
    static constexpr const char *kKnown = "gw:jobs:known";
    static constexpr const char *kStats = "gw:jobs:stats";
    static constexpr const char *kMetrics = "gw:metrics";

    explicit JobQueue(RedisClient &redis) : m_redis(redis) {}
    // Appends the jobs Redis does not know yet to the stream, in one round trip (a Lua script
    // adds each id to gw:jobs:known and appends only when it was new, so a job pushed by the API
    // and by a sweeper lands once). Failing here is not fatal for a producer: the rows are
    // committed and the sweeper will push them. Returns how many were appended.
    Result<int> pushNew(const QList<JobRef> &jobs);
    OkOrError push(const QList<JobRef> &jobs);
    Result<JobCounts> counts();
    // Seconds since the oldest job still waiting in the stream (not yet delivered to a worker)
    // was appended; 0 when none waits.
    Result<double> oldestQueuedAge();

    // The Lua script behind pushNew (KEYS: stream, known; ARGV: id, kind, subject, …).
    static QByteArray pushScript();

private:
    RedisClient &m_redis;
};

} // namespace gw::queue
