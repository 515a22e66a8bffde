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

} // namespace gw::queue
