#pragma once
// Webhook event types and the names merchants see.
#include <QString>

namespace gw {

enum class EventType {
    PaymentCreated,
    PaymentPending,
    PaymentSuccess,
    PaymentFailed,
    RefundCreated,
    RefundProcessed,
    WebhookTest,
};

QString eventName(EventType type); // e.g. "payment.success"
bool eventFromName(const QString &name, EventType &out);

} // namespace gw
