#pragma once
// The Redis side of the job queue: the fast path from a committed job row to a worker.
// Producers push JobRefs after COMMIT; workers consume them (see the worker's consumer).
#include "core/job.h"
#include "queue/redisclient.h"

#include <QList>

namespace gw::queue {

// Queue counts for GET /api/v1/test/jobs/status.
struct JobCounts
{
    qint64 pending = 0;    // waiting in the stream or delayed
    qint64 processing = 0; // delivered to a worker, not yet acknowledged
    qint64 completed = 0;
    qint64 failed = 0;
};

class JobQueue
{
public:
    static constexpr const char *kStream = "gw:jobs";

    explicit JobQueue(RedisClient &redis) : m_redis(redis) {}
    // Appends the jobs to the stream in one round trip. Failing here is not fatal for a producer:
    // the rows are committed and the sweeper will push them.
    Status push(const QList<JobRef> &jobs);
    Result<JobCounts> counts();

private:
    RedisClient &m_redis;
};

} // namespace gw::queue
