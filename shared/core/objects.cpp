// The JSON of the domain objects (SPEC.md "Objects and ids"). Each field name appears once.
#include "core/jsontime.h"
#include "core/order.h"
#include "core/payment.h"
#include "core/refund.h"

namespace gw {

namespace {
// Every object says which mode's key made it (a test key's objects are never a live key's).
const QString kLivemode = QStringLiteral("livemode");
} // namespace

QJsonObject Order::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("merchant_id"), merchantId},
        {QStringLiteral("amount"), amount},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("receipt"), nullIfEmpty(receipt)},
        {QStringLiteral("notes"), notes},
        {QStringLiteral("status"), stringOf(status)},
        {QStringLiteral("created_at"), isoTime(createdAt)},
        {kLivemode, livemode},
    };
}

QJsonObject publicOrderJson(const Order &order, const std::optional<LivePayment> &live)
{
    QJsonObject o = order.toJson();
    o.insert(QStringLiteral("live_payment"), live ? QJsonValue(live->toJson()) : QJsonValue());
    return o;
}

QJsonObject LivePayment::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("status"), stringOf(status)}};
}

QJsonObject Payment::toJson() const
{
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("order_id"), orderId},
        {QStringLiteral("amount"), amount},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("method"), stringOf(method)},
        {QStringLiteral("status"), stringOf(status)},
        {QStringLiteral("captured"), captured},
        {QStringLiteral("amount_refunded"), amountRefunded},
        {QStringLiteral("error_code"), nullIfEmpty(errorCode)},
        {QStringLiteral("error_description"), nullIfEmpty(errorDescription)},
        {QStringLiteral("created_at"), isoTime(createdAt)},
        {QStringLiteral("updated_at"), isoTime(updatedAt)},
        {kLivemode, livemode},
    };
    if (method == PaymentMethod::Upi) {
        o.insert(QStringLiteral("vpa"), vpa);
    } else {
        o.insert(QStringLiteral("card_network"), cardNetwork);
        o.insert(QStringLiteral("card_last4"), cardLast4);
    }
    return o;
}

QJsonObject Refund::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("payment_id"), paymentId},
        {QStringLiteral("amount"), amount},
        {QStringLiteral("reason"), nullIfEmpty(reason)},
        {QStringLiteral("status"), stringOf(status)},
        {QStringLiteral("created_at"), isoTime(createdAt)},
        {QStringLiteral("processed_at"), isoTime(processedAt)},
        {kLivemode, livemode},
    };
}

} // namespace gw
