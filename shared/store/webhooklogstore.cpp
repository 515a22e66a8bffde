#include "store/webhooklogstore.h"

#include "store/rows.h"

#include <QUuid>

namespace gw::store {

namespace {
constexpr int kBodyPreview = 4096;

QString logColumns()
{
    return QStringLiteral(
        "id::text, event_id, event, status, attempts, created_at, last_attempt_at, next_retry_at,"
        " coalesce(response_code, 0)");
}

Result<WebhookLog> logFromRow(const QSqlQuery &q)
{
    const auto status = enumColumn<DeliveryStatus>(q, 3);
    if (!status)
        return status.error();
    WebhookLog l;
    l.id = q.value(0).toString();
    l.eventId = q.value(1).toString();
    l.event = q.value(2).toString();
    l.status = *status;
    l.attempts = q.value(4).toInt();
    l.createdAt = utc(q.value(5));
    l.lastAttemptAt = utc(q.value(6));
    l.nextRetryAt = utc(q.value(7));
    l.responseCode = q.value(8).toInt();
    return l;
}

bool isUuid(const QString &id)
{
    return id.size() == 36 && !QUuid::fromString(id).isNull();
}
} // namespace

Result<Page<WebhookLog>> WebhookLogStore::list(const QString &merchantId, const ListQuery &query)
{
    return selectPage<WebhookLog>(
        m_c, logColumns(),
        QStringLiteral("FROM webhook_logs WHERE merchant_id = ?::uuid"
                       " AND status = coalesce(?, status) AND event = coalesce(?, event)"),
        {merchantId, textOrNull(query.filter(QStringLiteral("status"))),
         textOrNull(query.filter(QStringLiteral("event")))},
        query, logFromRow);
}

Result<std::optional<WebhookLog>> WebhookLogStore::detail(const QString &merchantId,
                                                          const QString &id)
{
    if (!isUuid(id))
        return std::optional<WebhookLog>{};
    auto q =
        exec(m_c,
             QStringLiteral("SELECT ") + logColumns() +
                 QStringLiteral(", payload, coalesce(left(response_body, %1), '') FROM webhook_logs"
                                " WHERE id = ?::uuid AND merchant_id = ?::uuid")
                     .arg(kBodyPreview),
             {id, merchantId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<WebhookLog>{};
    auto row = logFromRow(q.value());
    if (!row)
        return row.error();
    WebhookLog log = std::move(row).value();
    log.payload = q->value(9).toString();
    log.responseBody = q->value(10).toString();
    auto a = exec(
        m_c,
        QStringLiteral(
            "SELECT attempt_number, attempted_at, coalesce(response_code, 0),"
            " coalesce(left(response_body, %1), ''), coalesce(error, ''), coalesce(duration_ms, -1)"
            " FROM webhook_attempts WHERE log_id = ?::uuid ORDER BY attempted_at, id")
            .arg(kBodyPreview),
        {id});
    if (!a)
        return a.error();
    while (a->next())
        log.attemptList.append(WebhookAttempt{a->value(0).toInt(), utc(a->value(1)),
                                              a->value(2).toInt(), a->value(3).toString(),
                                              a->value(4).toString(), a->value(5).toInt()});
    return std::optional<WebhookLog>(log);
}

Result<bool> WebhookLogStore::resetForRetry(const QString &merchantId, const QString &id)
{
    if (!isUuid(id))
        return false;
    auto q = exec(
        m_c,
        QStringLiteral(
            "UPDATE webhook_logs l SET status = 'pending', attempts = 0, next_retry_at = now(),"
            " attempt_base = (SELECT coalesce(max(attempt_number), 0) FROM webhook_attempts a"
            "                 WHERE a.log_id = l.id)"
            " WHERE id = ?::uuid AND merchant_id = ?::uuid RETURNING id"),
        {id, merchantId});
    if (!q)
        return q.error();
    return q->next();
}

} // namespace gw::store
