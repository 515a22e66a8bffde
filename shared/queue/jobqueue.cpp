#include "queue/jobqueue.h"

namespace gw::queue {

Status JobQueue::push(const QList<JobRef> &jobs)
{
    if (jobs.isEmpty())
        return Done{};
    QList<QList<QByteArray>> commands;
    for (const JobRef &j : jobs)
        commands.append({"XADD", kStream, "*", "id", j.id.toUtf8(), "kind", jobKindName(j.kind).toUtf8(),
                         "subject", j.subjectId.toUtf8()});
    auto r = m_redis.pipeline(commands);
    if (!r)
        return r.error();
    return Done{};
}

Result<JobCounts> JobQueue::counts()
{
    // First version: stream length only. The worker's consumer (issue 4) replaces this with
    // the consumer group's lag, pending entries and outcome counters.
    auto r = m_redis.command({"XLEN", kStream});
    if (!r)
        return r.error();
    JobCounts c;
    c.pending = r->toLongLong();
    return c;
}

} // namespace gw::queue
