#pragma once
// A payment attempt against an order. Card payments keep only network and last four digits.
#include "core/enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

struct Payment
{
    QString id;
    QString orderId;
    QString merchantId; // not part of the JSON: a payment is only ever shown to its merchant
    qint64 amount = 0;
    QString currency = QStringLiteral("INR");
    PaymentMethod method = PaymentMethod::Upi;
    QString vpa;         // upi only
    QString cardNetwork; // card only: visa | mastercard | amex | rupay | unknown
    QString cardLast4;   // card only
    PaymentStatus status = PaymentStatus::Pending;
    bool captured = false;
    qint64 amountRefunded = 0;
    QString errorCode;
    QString errorDescription;
    QDateTime createdAt;
    QDateTime updatedAt;
    bool livemode = false; // the mode of the key that made it (its merchant row)

    QJsonObject toJson() const;
};

// An order's live payment (pending or success; an order has at most one): what the checkout
// shows instead of a new form, and what a refused create names.
struct LivePayment
{
    QString id;
    PaymentStatus status = PaymentStatus::Pending; // pending or success

    bool paid() const { return status == PaymentStatus::Success; }
    QJsonObject toJson() const; // {"id":…,"status":…}
};

// A success that paid its order again (before one live payment per order was enforced): money
// taken twice, for an operator to refund.
struct DuplicatePayment
{
    QString paymentId;
    QString orderId;
    QString duplicateOf; // the payment that paid the order first
    qint64 amount = 0;
    qint64 amountRefunded = 0;
    QString merchantId;
};

} // namespace gw
