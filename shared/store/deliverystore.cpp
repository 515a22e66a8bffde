#include "store/deliverystore.h"

#include "store/pgarray.h"
#include "store/rows.h"
#include "store/sql.h"

#include <QHash>
#include <QUuid>

namespace gw::store {

namespace {
// PostgreSQL text holds neither NUL nor invalid UTF-8; a receiver's body may contain both.
QString storableText(const QByteArray &bytes)
{
    QString s = QString::fromUtf8(bytes);
    s.remove(QChar(0));
    return s;
}
} // namespace

Result<ClaimResult> DeliveryStore::claim(const QList<JobRef> &jobs, int leaseSeconds)
{
    ClaimResult result;
    QHash<QString, JobRef> byLog;
    QStringList logIds;
    for (const JobRef &j : jobs) {
        if (QUuid::fromString(j.subjectId).isNull()) {
            result.finished.append(j); // not a log id: nothing can ever be delivered for it
            continue;
        }
        if (!byLog.contains(j.subjectId))
            logIds << j.subjectId;
        byLog.insert(j.subjectId, j);
    }
    if (logIds.isEmpty())
        return result;
    // Driven by the ids through the primary key, whatever the statistics say (bound through a
    // subquery, store/README.md): the merchant is joined only to the claimed rows, and the
    // status is compared as an expression so that the partial index webhook_logs_due (pending
    // logs) cannot serve it. A plan cached while the table was small (or the merchants join)
    // otherwise read every pending log at every claim, which grew with the backlog: 0.6–1.4 s a
    // claim at 20,000 pending in bench/end-to-end.
    //
    // First the leases (webhook_leases, migration 070; the log's row is not written): one for
    // each log that looked pending and due and had none, or an expired one. A claim that meets a
    // lease being taken or released waits for that transaction and then sees its outcome. The
    // log's state read here may be older than the leases it met, so the second statement reads
    // the logs again under a new snapshot, after every lease it took: a log recorded meanwhile
    // shows its new state there, and its lease is given back.
    auto leased =
        exec(m_c,
             QStringLiteral(
                 "INSERT INTO webhook_leases (log_id, lease_until)"
                 " SELECT l.id, now() + make_interval(secs => ?)"
                 " FROM (SELECT DISTINCT unnest((SELECT ?::uuid[])) AS id) ids"
                 " JOIN webhook_logs l ON l.id = ids.id"
                 " WHERE l.status || '' = 'pending' AND (l.lease_until IS NULL OR l.lease_until <= "
                 "now())"
                 "   AND (l.next_retry_at IS NULL OR l.next_retry_at <= now() + interval '500 "
                 "milliseconds')"
                 " ON CONFLICT (log_id) DO UPDATE SET lease_until = excluded.lease_until"
                 "   WHERE webhook_leases.lease_until <= now()"
                 " RETURNING log_id::text"),
             {leaseSeconds, pgArray(logIds)});
    if (!leased)
        return leased.error();
    QStringList mine;
    while (leased->next())
        mine << leased->value(0).toString();
    auto q = exec(
        m_c,
        QStringLiteral(
            "WITH v AS (SELECT ids.id, l.status, l.event_id, l.payload, l.attempts, "
            "l.merchant_id,"
            "   greatest(l.next_retry_at, l.lease_until) AS not_before, mine.id IS NOT NULL AS "
            "leased,"
            "   mine.id IS NOT NULL AND l.status || '' = 'pending' AND (l.next_retry_at IS NULL"
            "     OR l.next_retry_at <= now() + interval '500 milliseconds') AS claimed"
            "  FROM (SELECT DISTINCT unnest((SELECT ?::uuid[])) AS id) ids"
            "  LEFT JOIN webhook_logs l ON l.id = ids.id"
            "  LEFT JOIN (SELECT unnest((SELECT ?::uuid[])) AS id) mine ON mine.id = ids.id),"
            " r AS (DELETE FROM webhook_leases k USING v WHERE k.log_id = v.id AND v.leased"
            "       AND NOT v.claimed)"
            " SELECT v.id::text, v.status,"
            "   greatest(v.not_before, k.lease_until, now() + interval '1 second'),"
            "   v.claimed, v.event_id, v.payload, v.attempts, coalesce(m.webhook_url, ''),"
            "   m.webhook_secret, CASE WHEN m.previous_secret_expires_at > now()"
            "     THEN m.previous_webhook_secret ELSE '' END, v.merchant_id::text"
            " FROM v LEFT JOIN webhook_leases k ON k.log_id = v.id AND NOT v.leased"
            " LEFT JOIN merchants m ON m.id = v.merchant_id AND v.claimed"),
        {pgArray(logIds), pgArray(mine)});
    if (!q)
        return q.error();
    while (q->next()) {
        const QString logId = q->value(0).toString();
        const JobRef job = byLog.value(logId);
        if (q->value(3).toBool()) {
            Delivery d;
            d.job = job;
            d.eventId = q->value(4).toString();
            d.payload = q->value(5).toString().toUtf8();
            d.attempt = q->value(6).toInt() + 1;
            d.url = q->value(7).toString();
            d.secret = q->value(8).toString().toUtf8();
            d.previousSecret = q->value(9).toString().toUtf8();
            d.merchantId = q->value(10).toString();
            result.claimed.append(d);
            continue;
        }
        if (q->value(1).isNull()) { // the log is gone
            result.finished.append(job);
            continue;
        }
        const auto status = enumColumn<DeliveryStatus>(q->value(1));
        if (!status)
            return status.error();
        if (*status == DeliveryStatus::Pending)
            result.notYet.append({job, utc(q->value(2))});
        else
            result.finished.append(job);
    }
    return result;
}

Result<QList<RecordedAttempt>> DeliveryStore::record(const QList<AttemptOutcome> &outcomes)
{
    using Cell = std::optional<QString>;
    QHash<QString, JobRef> byLog;
    QStringList logIds, attempts, oks, ms;
    QList<Cell> codes, bodies, errors, retries;
    for (const AttemptOutcome &o : outcomes) {
        byLog.insert(o.job.subjectId, o.job);
        logIds << o.job.subjectId;
        attempts << QString::number(o.attempt);
        oks << (o.ok ? QStringLiteral("t") : QStringLiteral("f"));
        codes << (o.responseCode > 0 ? Cell(QString::number(o.responseCode)) : Cell());
        bodies << (o.responseCode > 0 ? Cell(storableText(o.responseBody)) : Cell());
        errors << (o.error.isEmpty() ? Cell() : Cell(storableText(o.error.toUtf8())));
        ms << QString::number(o.durationMs);
        retries << (o.retryInSeconds ? Cell(QString::number(*o.retryInSeconds)) : Cell());
    }
    // By primary key only, as in claim(): the status compared as an expression keeps the partial
    // index of pending logs out of the plan, and the rows, bound through subqueries (a length
    // the planner cannot see, store/README.md), drive one look-up of the log each. With the
    // arrays' length known, the planner scanned the whole table while it was young, or drove
    // from the logs (0.5 % of them pending, it guesses) and read every row against every log:
    // 125,000 comparisons for a batch of 500 in bench/end-to-end, two thirds of the statement.
    // The log is the delivery's durable record (no jobs row, migration 072): its status and
    // next_retry_at are what the sweeps read.
    auto q =
        exec(m_c,
             QStringLiteral(
                 "WITH x AS (SELECT * FROM unnest((SELECT ?::uuid[]), (SELECT ?::int[]),"
                 "             (SELECT ?::bool[]), (SELECT ?::int[]), (SELECT ?::text[]),"
                 "             (SELECT ?::text[]), (SELECT ?::int[]), (SELECT ?::int[]))"
                 "           AS x(log_id, attempt, ok, code, body, error, ms, retry_s)),"
                 " u AS (UPDATE webhook_logs l SET attempts = x.attempt, last_attempt_at = now(),"
                 "         response_code = x.code, response_body = x.body, lease_until = NULL,"
                 "         status = CASE WHEN x.ok THEN 'success' WHEN x.retry_s IS NULL THEN "
                 "'failed' ELSE 'pending' END,"
                 "         next_retry_at = CASE WHEN x.ok OR x.retry_s IS NULL THEN NULL"
                 "                              ELSE now() + make_interval(secs => x.retry_s) END"
                 "       FROM x WHERE l.id = x.log_id"
                 "         AND l.status || '' = 'pending' AND l.attempts = x.attempt - 1"
                 "       RETURNING l.id, l.status, l.next_retry_at, l.attempt_base),"
                 " k AS (DELETE FROM webhook_leases k USING u WHERE k.log_id = u.id),"
                 " a AS (INSERT INTO webhook_attempts (log_id, attempt_number, response_code, "
                 "response_body, error, duration_ms)"
                 "       SELECT x.log_id, u.attempt_base + x.attempt, x.code, x.body, x.error, "
                 "x.ms FROM x JOIN u "
                 "ON u.id = x.log_id)"
                 " SELECT u.id::text, u.status, u.next_retry_at FROM u"),
             {pgArray(logIds), pgArray(attempts), pgArray(oks), pgArrayWithNulls(codes),
              pgArrayWithNulls(bodies), pgArrayWithNulls(errors), pgArray(ms),
              pgArrayWithNulls(retries)});
    if (!q)
        return q.error();
    QList<RecordedAttempt> recorded;
    while (q->next()) {
        const auto status = enumColumn<DeliveryStatus>(*q, 1);
        if (!status)
            return status.error();
        recorded.append({byLog.value(q->value(0).toString()), *status, utc(q->value(2))});
    }
    return recorded;
}

} // namespace gw::store
