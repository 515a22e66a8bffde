#pragma once
// The Redis side of the job queue: the fast path from a committed job row to a worker.
// Producers push JobRefs after COMMIT; workers consume them through JobStream.
//
// Keys (all owned here):
//   gw:jobs          stream of {id, kind, subject}; consumer group "workers" delivers each entry to
//                    one worker; an entry stays in the group's pending list until acknowledged
//   gw:jobs:delayed  sorted set of due jobs (score: due time in ms), moved into the stream when due
//   gw:jobs:where    hash job id -> where the job's entry is: its stream entry id, or its member
//                    of the delayed set ("id|kind|subject"); a push appends a job only when the
//                    place recorded is gone, so the sweepers re-push exactly the jobs Redis lost
//   gw:jobs:known    the set of job ids older versions kept instead (no place, so a lost entry
//                    stayed "known"); adoptKnownSet() moves it into gw:jobs:where
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
    static constexpr const char *kWhere = "gw:jobs:where";
    static constexpr const char *kKnownSet = "gw:jobs:known"; // before gw:jobs:where
    static constexpr const char *kStats = "gw:jobs:stats";
    static constexpr const char *kMetrics = "gw:metrics";

    explicit JobQueue(RedisClient &redis) : m_redis(redis) {}
    // Appends the jobs that have no live entry in Redis to the stream, in one round trip (a Lua
    // script checks each job's recorded place: its stream entry still there and naming it, or its
    // member still in the delayed set; only a job without one is appended and its new entry
    // recorded), so a job pushed by the API and by a sweeper lands once, and one whose entry Redis
    // lost lands again. Failing here is not fatal for a producer: the rows are committed and the
    // sweeper will push them. Returns how many were appended.
    Result<int> pushNew(const QList<JobRef> &jobs);
    OkOrError push(const QList<JobRef> &jobs);
    Result<JobCounts> counts();
    // Seconds since the oldest job still waiting in the stream (not yet delivered to a worker)
    // was appended; 0 when none waits.
    Result<double> oldestQueuedAge();

    // Records the places of the jobs a Redis written by an older version holds (its stream's
    // entries and delayed members, each checked as pushNew checks it), then deletes the old set,
    // so an upgrade appends no job twice. Nothing to do without the old set. In pages, so that no
    // script holds Redis for long.
    OkOrError adoptKnownSet();

    // pushNew's command (an EVAL; KEYS: stream, where, delayed; ARGV: id, kind, subject, …).
    static QList<QByteArray> pushCommand(const QList<JobRef> &jobs);

private:
    RedisClient &m_redis;
};

} // namespace gw::queue
