#include "store/outbox.h"

#include "core/canonicaljson.h"
#include "core/ids.h"
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
    const QString eventId = ids::event();
    const QString logId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The contract's key order (id, event, timestamp, data) around the canonical data.
    const QByteArray payload =
        "{\"id\":" + canonicalJson(eventId) + ",\"event\":" + canonicalJson(eventName(type)) +
        ",\"timestamp\":" + QByteArray::number(QDateTime::currentSecsSinceEpoch()) +
        ",\"data\":" + canonicalJson(data) + "}";
    auto q = exec(
        m_c,
        QStringLiteral(
            "INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, next_retry_at)"
            " SELECT ?::uuid, m.id, ?, ?, ?, CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() "
            "END"
            " FROM merchants m WHERE m.id = ?::uuid"
            " RETURNING next_retry_at IS NOT NULL"),
        {logId, eventId, eventName(type), QString::fromUtf8(payload), merchantId});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::server(QStringLiteral("event for unknown merchant"));
    if (!q->value(0).toBool())
        return std::optional<JobRef>{};
    auto job = addJob(JobKind::Webhook, logId);
    if (!job)
        return job.error();
    return std::optional<JobRef>(job.value());
}

} // namespace gw::store
