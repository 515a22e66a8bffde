#include "store/jobstore.h"

#include "store/pgarray.h"
#include "store/sql.h"

namespace gw::store {

Result<QList<JobRef>> JobStore::overdue(int olderThanSeconds, int limit)
{
    auto q =
        exec(m_c,
             QStringLiteral("SELECT id, kind, subject_id FROM jobs"
                            " WHERE state = 'queued' AND run_at < now() - make_interval(secs => ?)"
                            " ORDER BY run_at LIMIT ?"),
             {olderThanSeconds, limit});
    if (!q)
        return q.error();
    QList<JobRef> jobs;
    while (q->next()) {
        JobRef j{q->value(0).toString(), JobKind::Payment, q->value(2).toString()};
        if (jobKindFromName(q->value(1).toString(), j.kind))
            jobs.append(j);
    }
    return jobs;
}

Status JobStore::markDone(const QStringList &jobIds)
{
    if (jobIds.isEmpty())
        return Done{};
    auto q = exec(m_c,
                  QStringLiteral("UPDATE jobs SET state = 'done', finished_at = now()"
                                 " WHERE id = ANY(?::text[]) AND state = 'queued'"),
                  {pgArray(jobIds)});
    if (!q)
        return q.error();
    return Done{};
}

} // namespace gw::store
