#include "store/rows.h"

#include <QJsonDocument>

namespace gw::store {

namespace {
// An object's mode is its merchant row's (test and live are separate rows of one account).
// Unqualified merchant_id: the object's own, also in RETURNING.
QString livemodeColumn()
{
    return QStringLiteral("(SELECT m.livemode FROM merchants m WHERE m.id = merchant_id)");
}
} // namespace

QString orderColumns()
{
    return QStringLiteral(
               "id, merchant_id::text, amount, currency, coalesce(receipt, ''), notes::text,"
               " status, created_at, ") +
           livemodeColumn();
}

QString paymentColumns()
{
    return QStringLiteral(
               "id, order_id, merchant_id::text, amount, currency, method, coalesce(vpa, ''),"
               " coalesce(card_network, ''), coalesce(card_last4, ''), status, captured,"
               " amount_refunded, coalesce(error_code, ''), coalesce(error_description, ''),"
               " created_at, updated_at, ") +
           livemodeColumn();
}

QString refundColumns()
{
    return QStringLiteral("id, payment_id, merchant_id::text, amount, coalesce(reason, ''), status,"
                          " created_at, processed_at, ") +
           livemodeColumn();
}

QDateTime utc(const QVariant &v)
{
    return v.isNull() ? QDateTime() : v.toDateTime().toUTC();
}

Result<Order> orderFromRow(const QSqlQuery &q)
{
    const auto status = enumColumn<OrderStatus>(q, 6);
    if (!status)
        return status.error();
    Order o;
    o.id = q.value(0).toString();
    o.merchantId = q.value(1).toString();
    o.amount = q.value(2).toLongLong();
    o.currency = q.value(3).toString();
    o.receipt = q.value(4).toString();
    o.notes = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
    o.status = *status;
    o.createdAt = utc(q.value(7));
    o.livemode = q.value(8).toBool();
    return o;
}

Result<Payment> paymentFromRow(const QSqlQuery &q)
{
    const auto method = enumColumn<PaymentMethod>(q, 5);
    if (!method)
        return method.error();
    const auto status = enumColumn<PaymentStatus>(q, 9);
    if (!status)
        return status.error();
    Payment p;
    p.id = q.value(0).toString();
    p.orderId = q.value(1).toString();
    p.merchantId = q.value(2).toString();
    p.amount = q.value(3).toLongLong();
    p.currency = q.value(4).toString();
    p.method = *method;
    p.vpa = q.value(6).toString();
    p.cardNetwork = q.value(7).toString();
    p.cardLast4 = q.value(8).toString();
    p.status = *status;
    p.captured = q.value(10).toBool();
    p.amountRefunded = q.value(11).toLongLong();
    p.errorCode = q.value(12).toString();
    p.errorDescription = q.value(13).toString();
    p.createdAt = utc(q.value(14));
    p.updatedAt = utc(q.value(15));
    p.livemode = q.value(16).toBool();
    return p;
}

Result<Refund> refundFromRow(const QSqlQuery &q)
{
    const auto status = enumColumn<RefundStatus>(q, 5);
    if (!status)
        return status.error();
    Refund r;
    r.id = q.value(0).toString();
    r.paymentId = q.value(1).toString();
    r.merchantId = q.value(2).toString();
    r.amount = q.value(3).toLongLong();
    r.reason = q.value(4).toString();
    r.status = *status;
    r.createdAt = utc(q.value(6));
    r.processedAt = utc(q.value(7));
    r.livemode = q.value(8).toBool();
    return r;
}

} // namespace gw::store
