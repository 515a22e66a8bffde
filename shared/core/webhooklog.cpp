#include "core/webhooklog.h"

#include "core/jsontime.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gw {

namespace {
QJsonValue codeOrNull(int code)
{
    return code > 0 ? QJsonValue(code) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject WebhookAttempt::toJson() const
{
    return QJsonObject{
        {QStringLiteral("attempt"), number},
        {QStringLiteral("attempted_at"), isoTime(attemptedAt)},
        {QStringLiteral("response_code"), codeOrNull(responseCode)},
        {QStringLiteral("response_body"), nullIfEmpty(responseBody)},
        {QStringLiteral("error"), nullIfEmpty(error)},
        {QStringLiteral("duration_ms"),
         durationMs >= 0 ? QJsonValue(durationMs) : QJsonValue(QJsonValue::Null)},
    };
}

QJsonObject WebhookLog::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("event_id"), eventId},
        {QStringLiteral("event"), event},
        {QStringLiteral("status"), stringOf(status)},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("created_at"), isoTime(createdAt)},
        {QStringLiteral("last_attempt_at"), isoTime(lastAttemptAt)},
        {QStringLiteral("next_retry_at"), isoTime(nextRetryAt)},
        {QStringLiteral("response_code"), codeOrNull(responseCode)},
    };
}

QJsonObject WebhookLog::toDetailJson() const
{
    QJsonObject o = toJson();
    // The payload is stored as the exact bytes sent; shown as the JSON object it is.
    const QJsonDocument doc = QJsonDocument::fromJson(payload.toUtf8());
    o.insert(QStringLiteral("payload"),
             doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(payload));
    o.insert(QStringLiteral("response_body"), nullIfEmpty(responseBody));
    QJsonArray list;
    for (const WebhookAttempt &a : attemptList)
        list.append(a.toJson());
    o.insert(QStringLiteral("attempt_log"), list);
    return o;
}

} // namespace gw
