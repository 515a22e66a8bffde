#pragma once
// The kinds the gateway tells apart: an order's status, a payment's status and method, a refund's
// status, a webhook event's type, a webhook delivery's status and a job's kind. The code carries
// these enums; their strings appear only in JSON and SQL, mapped here and only here (enums.cpp).
#include "core/result.h"

#include <QString>
#include <QStringList>

namespace gw {

enum class OrderStatus { Created, Paid };
enum class PaymentStatus { Pending, Success, Failed };
enum class PaymentMethod { Upi, Card };
enum class RefundStatus { Pending, Processed };
enum class EventType {
    PaymentCreated,
    PaymentPending,
    PaymentSuccess,
    PaymentFailed,
    RefundCreated,
    RefundProcessed,
    WebhookTest,
};
enum class DeliveryStatus { Pending, Success, Failed };
enum class JobKind { Payment, Refund, Webhook };

// The string of the contract, e.g. "paid", "success", "upi", "processed", "payment.success". (Not
// named toString: QTest finds a toString of gw:: by argument-dependent lookup and wants a char *.)
QString stringOf(OrderStatus status);
QString stringOf(PaymentStatus status);
QString stringOf(PaymentMethod method);
QString stringOf(RefundStatus status);
QString stringOf(EventType type);
QString stringOf(DeliveryStatus status);
QString stringOf(JobKind kind);

// The enum a string names; anything else is an ApiError naming what was expected, e.g.
// "Unknown payment status 'paid' (pending, success or failed)". Defined for the enums above.
template <typename E> Result<E> fromString(const QString &text);
// Every string of an enum, in the order of its values (for the API's lists of allowed values).
template <typename E> QStringList allStrings();

} // namespace gw
