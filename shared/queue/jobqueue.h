#pragma once
// The Redis side of the job queue: the fast path from a committed job row to a worker.
// Producers push JobRefs after COMMIT; workers consume them (see the worker's consumer).
#include "core/job.h"
#include "queue/redisclient.h"

#include <QList>

namespace gw::queue {

class JobQueue
{
public:
    static constexpr const char *kStream = "gw:jobs";

    explicit JobQueue(RedisClient &redis) : m_redis(redis) {}
    // Appends the jobs to the stream in one round trip. Failing here is not fatal for a producer:
    // the rows are committed and the sweeper will push them.
    Status push(const QList<JobRef> &jobs);

private:
    RedisClient &m_redis;
};

} // namespace gw::queue
