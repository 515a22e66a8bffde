#pragma once
// The REST API as the console sees it: every path and JSON field name it uses, each written once.
#include <QString>

namespace gw::console::api {

// Paths (relative to the API base URL).
inline QString health()
{
    return QStringLiteral("/health");
}
inline QString orders()
{
    return QStringLiteral("/api/v1/orders");
}
inline QString payments()
{
    return QStringLiteral("/api/v1/payments");
}
inline QString payment(const QString &id)
{
    return payments() + u'/' + id;
}
inline QString capture(const QString &id)
{
    return payment(id) + QStringLiteral("/capture");
}
inline QString paymentRefunds(const QString &id)
{
    return payment(id) + QStringLiteral("/refunds");
}
inline QString refunds()
{
    return QStringLiteral("/api/v1/refunds");
}
inline QString webhooks()
{
    return QStringLiteral("/api/v1/webhooks");
}
inline QString webhook(const QString &id)
{
    return webhooks() + u'/' + id;
}
inline QString webhookRetry(const QString &id)
{
    return webhook(id) + QStringLiteral("/retry");
}
inline QString webhookConfig()
{
    return QStringLiteral("/api/v1/webhooks/config");
}
inline QString webhookSecret()
{
    return QStringLiteral("/api/v1/webhooks/config/secret");
}
inline QString webhookTest()
{
    return QStringLiteral("/api/v1/webhooks/test");
}
inline QString stats()
{
    return QStringLiteral("/api/v1/stats");
}
inline QString jobStatus()
{
    return QStringLiteral("/api/v1/test/jobs/status");
}

// Field names.
namespace field {
inline const QString id = QStringLiteral("id");
inline const QString data = QStringLiteral("data");
inline const QString total = QStringLiteral("total");
inline const QString limit = QStringLiteral("limit");
inline const QString offset = QStringLiteral("offset");
inline const QString error = QStringLiteral("error");
inline const QString code = QStringLiteral("code");
inline const QString description = QStringLiteral("description");
inline const QString fieldName = QStringLiteral("field");

inline const QString orderId = QStringLiteral("order_id");
inline const QString paymentId = QStringLiteral("payment_id");
inline const QString amount = QStringLiteral("amount");
inline const QString currency = QStringLiteral("currency");
inline const QString receipt = QStringLiteral("receipt");
inline const QString method = QStringLiteral("method");
inline const QString vpa = QStringLiteral("vpa");
inline const QString cardNetwork = QStringLiteral("card_network");
inline const QString cardLast4 = QStringLiteral("card_last4");
inline const QString status = QStringLiteral("status");
inline const QString captured = QStringLiteral("captured");
inline const QString amountRefunded = QStringLiteral("amount_refunded");
inline const QString errorCode = QStringLiteral("error_code");
inline const QString errorDescription = QStringLiteral("error_description");
inline const QString createdAt = QStringLiteral("created_at");
inline const QString updatedAt = QStringLiteral("updated_at");
inline const QString reason = QStringLiteral("reason");
inline const QString processedAt = QStringLiteral("processed_at");
inline const QString from = QStringLiteral("from");
inline const QString to = QStringLiteral("to");
inline const QString sort = QStringLiteral("sort");
inline const QString order = QStringLiteral("order");
inline const QString asc = QStringLiteral("asc");
inline const QString desc = QStringLiteral("desc");

inline const QString event = QStringLiteral("event");
inline const QString attempts = QStringLiteral("attempts");
inline const QString lastAttemptAt = QStringLiteral("last_attempt_at");
inline const QString nextRetryAt = QStringLiteral("next_retry_at");
inline const QString responseCode = QStringLiteral("response_code");
inline const QString responseBody = QStringLiteral("response_body");
inline const QString payload = QStringLiteral("payload");
inline const QString url = QStringLiteral("url");
inline const QString secret = QStringLiteral("secret");
inline const QString secretHint =
    QStringLiteral("secret_hint"); // not in SPEC.md; shown when present
inline const QString previousSecretExpiresAt = QStringLiteral("previous_secret_expires_at");
inline const QString message = QStringLiteral("message");
// The attempt list inside a delivery log's detail, and one attempt's fields.
inline const QString attemptList = QStringLiteral("attempt_log");
inline const QString attempt = QStringLiteral("attempt");
inline const QString attemptedAt = QStringLiteral("attempted_at");
inline const QString durationMs = QStringLiteral("duration_ms");

inline const QString database = QStringLiteral("database");
inline const QString redis = QStringLiteral("redis");
inline const QString worker = QStringLiteral("worker");
inline const QString success = QStringLiteral("success");
inline const QString pending = QStringLiteral("pending");
inline const QString processing = QStringLiteral("processing");
inline const QString completed = QStringLiteral("completed");
inline const QString failed = QStringLiteral("failed");
inline const QString workerStatus = QStringLiteral("worker_status");

// GET /api/v1/stats.
inline const QString bucket = QStringLiteral("bucket");
inline const QString totals = QStringLiteral("totals");
inline const QString series = QStringLiteral("series");
inline const QString start = QStringLiteral("start");
inline const QString payments = QStringLiteral("payments");
inline const QString paymentsByStatus = QStringLiteral("payments_by_status");
inline const QString volume = QStringLiteral("volume");
inline const QString successRate = QStringLiteral("success_rate");
inline const QString refunds = QStringLiteral("refunds");
inline const QString refundsByStatus = QStringLiteral("refunds_by_status");
inline const QString refundedAmount = QStringLiteral("refunded_amount");
inline const QString webhooks = QStringLiteral("webhooks");
inline const QString jobs = QStringLiteral("jobs");
inline const QString queued = QStringLiteral("queued");
inline const QString inFlight = QStringLiteral("in_flight");
inline const QString delayed = QStringLiteral("delayed");
} // namespace field

} // namespace gw::console::api
