#include "store/outbox.h"

#include "core/ids.h"
#include "store/eventbatch.h"
#include "store/pgarray.h"
#include "store/sql.h"

#include <QUuid>

namespace gw::store {

Result<JobRef> Outbox::addJob(JobKind kind, const QString &subjectId, const QDateTime &runAt)
{
    JobRef job{ids::job(), kind, subjectId};
    auto q = exec(m_c,
                  QStringLiteral("INSERT INTO jobs (id, kind, subject_id, run_at)"
                                 " VALUES (?, ?, ?, coalesce(?::timestamptz, now()))"),
                  {job.id, jobKindName(kind), subjectId,
                   runAt.isValid() ? QVariant(runAt.toUTC().toString(Qt::ISODateWithMs))
                                   : QVariant(QMetaType(QMetaType::QString))});
    if (!q)
        return q.error();
    return job;
}

Result<std::optional<JobRef>> Outbox::addEvent(const QString &merchantId, EventType type,
                                               const QJsonObject &data)
{
    auto jobs = addEvents(merchantId, {{type, data}});
    if (!jobs)
        return jobs.error();
    if (jobs->isEmpty())
        return std::optional<JobRef>{};
    return std::optional<JobRef>(jobs->first());
}

Result<QList<JobRef>> Outbox::addEvents(const QString &merchantId,
                                        const QList<std::pair<EventType, QJsonObject>> &events)
{
    QStringList logIds, eventIds, names, payloads;
    for (const auto &[type, data] : events) {
        const QString eventId = ids::event();
        logIds << QUuid::createUuid().toString(QUuid::WithoutBraces);
        eventIds << eventId;
        names << eventName(type);
        payloads << eventPayload(eventId, type, data);
    }
    auto q = exec(
        m_c,
        QStringLiteral(
            "INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, next_retry_at)"
            " SELECT e.id, m.id, e.event_id, e.event, e.payload,"
            " CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END"
            " FROM merchants m, unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY"
            " AS e (id, event_id, event, payload, n)"
            " WHERE m.id = ?::uuid ORDER BY e.n RETURNING next_retry_at IS NOT NULL"),
        {pgArray(logIds), pgArray(eventIds), pgArray(names), pgArray(payloads), merchantId});
    if (!q)
        return q.error();
    qsizetype rows = 0;
    bool send = false;
    while (q->next()) {
        ++rows;
        send = q->value(0).toBool();
    }
    if (rows != events.size())
        return ApiError::server(QStringLiteral("event for unknown merchant"));
    QList<JobRef> jobs;
    if (!send) // no webhook URL: logged, not sent (SPEC.md)
        return jobs;
    QStringList jobIds, kinds;
    for (const QString &logId : logIds) {
        jobs.append(JobRef{ids::job(), JobKind::Webhook, logId});
        jobIds << jobs.last().id;
        kinds << jobKindName(JobKind::Webhook);
    }
    auto j = exec(m_c,
                  QStringLiteral("INSERT INTO jobs (id, kind, subject_id)"
                                 " SELECT * FROM unnest(?::text[], ?::text[], ?::text[])"),
                  {pgArray(jobIds), pgArray(kinds), pgArray(logIds)});
    if (!j)
        return j.error();
    return jobs;
}

} // namespace gw::store
