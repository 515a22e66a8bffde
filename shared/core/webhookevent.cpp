#include "core/webhookevent.h"

namespace gw {

QString eventName(EventType type)
{
    switch (type) {
    case EventType::PaymentCreated:
        return QStringLiteral("payment.created");
    case EventType::PaymentPending:
        return QStringLiteral("payment.pending");
    case EventType::PaymentSuccess:
        return QStringLiteral("payment.success");
    case EventType::PaymentFailed:
        return QStringLiteral("payment.failed");
    case EventType::RefundCreated:
        return QStringLiteral("refund.created");
    case EventType::RefundProcessed:
        return QStringLiteral("refund.processed");
    case EventType::WebhookTest:
        return QStringLiteral("webhook.test");
    }
    return {};
}

bool eventFromName(const QString &name, EventType &out)
{
    for (EventType t :
         {EventType::PaymentCreated, EventType::PaymentPending, EventType::PaymentSuccess,
          EventType::PaymentFailed, EventType::RefundCreated, EventType::RefundProcessed,
          EventType::WebhookTest}) {
        if (eventName(t) == name) {
            out = t;
            return true;
        }
    }
    return false;
}

} // namespace gw
