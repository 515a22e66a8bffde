#include "store/jobstore.h"

#include "store/pgarray.h"
#include "store/sql.h"

namespace gw::store {

Result<QList<JobRef>> JobStore::overdue(int olderThanSeconds, int limit)
{
    // Each side through its partial index (jobs_unfinished, webhook_logs_due).
    auto q =
        exec(m_c,
             QStringLiteral("SELECT id, kind, subject_id FROM ("
                            "(SELECT id, kind, subject_id, run_at AS at FROM jobs"
                            "  WHERE state = 'queued' AND run_at < now() - make_interval(secs => ?)"
                            "  ORDER BY run_at LIMIT ?)"
                            " UNION ALL (SELECT id::text, 'webhook', id::text, next_retry_at"
                            "  FROM webhook_logs WHERE status = 'pending'"
                            "  AND next_retry_at < now() - make_interval(secs => ?)"
                            "  ORDER BY next_retry_at LIMIT ?)) w ORDER BY at LIMIT ?"),
             {olderThanSeconds, limit, olderThanSeconds, limit, limit});
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
    // One row even when nothing is due, for the upper bound; a time >= since lets the partial
    // indexes jobs_unfinished (run_at) and webhook_logs_due (next_retry_at) serve the ranges. A
    // log's id is compared as text, as a job's, so one cursor orders both.
    auto q = exec(
        m_c,
        QStringLiteral("SELECT b.upto::text, j.id, j.kind, j.subject_id, j.at::text"
                       " FROM (SELECT now() - make_interval(secs => ?::float8) AS upto,"
                       "  greatest(?::timestamptz, now() - make_interval(secs => ?)) AS since) b"
                       " LEFT JOIN LATERAL ("
                       " (SELECT id, kind, subject_id, run_at AS at FROM jobs"
                       "  WHERE state = 'queued' AND run_at >= b.since AND run_at <= b.upto"
                       "  AND (run_at, id) > (b.since, ?::text)"
                       "  ORDER BY run_at, id LIMIT ?)"
                       " UNION ALL (SELECT l.id::text, 'webhook', l.id::text, l.next_retry_at"
                       "  FROM webhook_logs l WHERE l.status = 'pending'"
                       "  AND l.next_retry_at >= b.since AND l.next_retry_at <= b.upto"
                       "  AND (l.next_retry_at, l.id::text) > (b.since, ?::text)"
                       "  ORDER BY l.next_retry_at, l.id::text LIMIT ?)"
                       " ORDER BY 4, 1 LIMIT ?) j ON true"),
        {olderThanMs / 1000.0, cursor.runAt, horizonSeconds, cursor.id, limit, cursor.id, limit,
         limit});
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

QString jobsDoneStatement()
{
    // By primary key only: the state compared as an expression keeps the partial index of queued
    // jobs (jobs_unfinished, the whole backlog) out of a plan cached while the table was small.
    return QStringLiteral("UPDATE jobs SET state = 'done', finished_at = now()"
                          " WHERE id = ANY((SELECT ?::text[])::text[]) AND state || '' = 'queued'");
}

OkOrError JobStore::markDone(const QStringList &jobIds)
{
    if (jobIds.isEmpty())
        return Ok{};
    static const QString sql = jobsDoneStatement();
    auto q = exec(m_c, sql, {pgArray(jobIds)});
    if (!q)
        return q.error();
    return Ok{};
}

} // namespace gw::store
