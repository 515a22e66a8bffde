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
        if (const auto kind = fromString<JobKind>(q->value(1).toString()))
            jobs.append({q->value(0).toString(), *kind, q->value(2).toString()});
    }
    return jobs;
}

Result<QList<JobRef>> JobStore::dueSince(SweepCursor &cursor, int olderThanMs, int horizonSeconds,
                                         int limit)
{
    // One row even when no job is due, for the upper bound; run_at >= since lets the partial
    // index jobs_unfinished (run_at) serve the range.
    auto q = exec(
        m_c,
        QStringLiteral("SELECT b.upto::text, j.id, j.kind, j.subject_id, j.run_at::text"
                       " FROM (SELECT now() - make_interval(secs => ?::float8) AS upto,"
                       "  greatest(?::timestamptz, now() - make_interval(secs => ?)) AS since) b"
                       " LEFT JOIN LATERAL (SELECT id, kind, subject_id, run_at FROM jobs"
                       "  WHERE state = 'queued' AND run_at >= b.since AND run_at <= b.upto"
                       "  AND (run_at, id) > (b.since, ?::text)"
                       "  ORDER BY run_at, id LIMIT ?) j ON true"),
        {olderThanMs / 1000.0, cursor.runAt, horizonSeconds, cursor.id, limit});
    if (!q)
        return q.error();
    QList<JobRef> jobs;
    QString upTo, lastAt, lastId;
    int rows = 0;
    while (q->next()) {
        upTo = q->value(0).toString();
        if (q->value(1).isNull())
            continue;
        ++rows;
        lastId = q->value(1).toString();
        lastAt = q->value(4).toString();
        if (const auto kind = fromString<JobKind>(q->value(2).toString()))
            jobs.append({lastId, *kind, q->value(3).toString()});
    }
    cursor = rows >= limit ? SweepCursor{lastAt, lastId} : SweepCursor{upTo, QString()};
    return jobs;
}

OkOrError JobStore::markDone(const QStringList &jobIds)
{
    if (jobIds.isEmpty())
        return Ok{};
    // By primary key only: the state compared as an expression keeps the partial index of queued
    // jobs (jobs_unfinished, the whole backlog) out of a plan cached while the table was small.
    auto q = exec(m_c,
                  QStringLiteral("UPDATE jobs SET state = 'done', finished_at = now()"
                                 " WHERE id = ANY(?::text[]) AND state || '' = 'queued'"),
                  {pgArray(jobIds)});
    if (!q)
        return q.error();
    return Ok{};
}

} // namespace gw::store
