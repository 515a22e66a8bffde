#include "store/eventbatch.h"

#include "core/canonicaljson.h"
#include "core/ids.h"
#include "store/pgarray.h"
#include "store/sql.h"

#include <QDateTime>
#include <QSet>
#include <QUuid>

namespace gw::store {

QString eventPayload(const QString &eventId, EventType type, const QJsonObject &data)
{
    return QString::fromUtf8(
        "{\"id\":" + canonicalJson(eventId) + ",\"event\":" + canonicalJson(stringOf(type)) +
        ",\"timestamp\":" + QByteArray::number(QDateTime::currentSecsSinceEpoch()) +
        ",\"data\":" + canonicalJson(data) + "}");
}

void EventBatch::add(const QString &merchantId, EventType type, const QJsonObject &data)
{
    const QString eventId = ids::event();
    m_logIds << QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_merchantIds << merchantId;
    m_eventIds << eventId;
    m_names << stringOf(type);
    m_payloads << eventPayload(eventId, type, data);
    m_jobIds << ids::job();
}

Result<QList<JobRef>> EventBatch::write(Connection &c) const
{
    QList<JobRef> jobs;
    if (isEmpty())
        return jobs;
    // Logs first, in the order added; a job for each log whose merchant has a URL (without one
    // the event is logged and not sent, SPEC.md). The count of logs catches an unknown merchant.
    auto q = exec(
        c,
        QStringLiteral(
            "WITH e AS (SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[],"
            "  ?::text[]) WITH ORDINALITY AS e (id, merchant_id, event_id, event, payload, job_id,"
            "  n)),"
            " l AS (INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload,"
            "  next_retry_at)"
            "  SELECT e.id, m.id, e.event_id, e.event, e.payload,"
            "  CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END"
            "  FROM e JOIN merchants m ON m.id = e.merchant_id ORDER BY e.n"
            "  RETURNING id, next_retry_at IS NOT NULL AS send),"
            " j AS (INSERT INTO jobs (id, kind, subject_id)"
            "  SELECT e.job_id, 'webhook', e.id::text FROM e JOIN l ON l.id = e.id WHERE l.send"
            "  ORDER BY e.n RETURNING id)"
            " SELECT (SELECT count(*) FROM l), j.id FROM (SELECT 1) one LEFT JOIN j ON true"),
        {pgArray(m_logIds), pgArray(m_merchantIds), pgArray(m_eventIds), pgArray(m_names),
         pgArray(m_payloads), pgArray(m_jobIds)});
    if (!q)
        return q.error();
    QSet<QString> made;
    qsizetype logs = 0;
    while (q->next()) {
        logs = q->value(0).toLongLong();
        if (!q->value(1).isNull())
            made.insert(q->value(1).toString());
    }
    if (logs != m_logIds.size())
        return ApiError::server(QStringLiteral("event for unknown merchant"));
    for (qsizetype i = 0; i < m_jobIds.size(); ++i)
        if (made.contains(m_jobIds.at(i)))
            jobs.append(JobRef{m_jobIds.at(i), JobKind::Webhook, m_logIds.at(i)});
    return jobs;
}

} // namespace gw::store
