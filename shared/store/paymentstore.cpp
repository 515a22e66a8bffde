#include "store/paymentstore.h"

#include "core/ids.h"
#include "store/pgarray.h"
#include "store/rows.h"

namespace gw::store {

Result<std::optional<Payment>> PaymentStore::find(const QString &merchantId, const QString &id)
{
    if (!ids::isValid(id, u"pay_"))
        return std::optional<Payment>{};
    auto q = exec(m_c,
                  QStringLiteral("SELECT ") + paymentColumns() +
                      QStringLiteral(" FROM payments WHERE id = ? AND merchant_id = ?::uuid"),
                  {id, merchantId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Payment>{};
    auto p = paymentFromRow(q.value());
    if (!p)
        return p.error();
    return std::optional<Payment>(std::move(p).value());
}

Result<Page<Payment>> PaymentStore::list(const QString &merchantId, const ListQuery &query)
{
    return selectPage<Payment>(
        m_c, paymentColumns(),
        QStringLiteral("FROM payments WHERE merchant_id = ?::uuid AND status = coalesce(?, status)"
                       " AND method = coalesce(?, method) AND order_id = coalesce(?, order_id)"
                       " AND created_at >= "
                       "coalesce(?::timestamptz, '-infinity')"
                       " AND created_at <= coalesce(?::timestamptz, 'infinity')"),
        {merchantId, textOrNull(query.filter(QStringLiteral("status"))),
         textOrNull(query.filter(QStringLiteral("method"))),
         textOrNull(query.filter(QStringLiteral("order_id"))), timeOrNull(query.from),
         timeOrNull(query.to)},
        query, paymentFromRow);
}

Result<QHash<QString, LivePayment>> PaymentStore::live(const QString &merchantId,
                                                       const QStringList &orderIds)
{
    // The partial unique index payments_one_live_per_order holds at most one row per order.
    auto q = exec(m_c,
                  QStringLiteral("SELECT order_id, id, status FROM payments"
                                 " WHERE order_id = ANY(?::text[]) AND merchant_id = ?::uuid"
                                 " AND status IN ('pending', 'success') AND duplicate_of IS NULL"),
                  {pgArray(orderIds), merchantId});
    if (!q)
        return q.error();
    QHash<QString, LivePayment> out;
    while (q->next()) {
        const auto status = enumColumn<PaymentStatus>(*q, 2);
        if (!status)
            return status.error();
        out.insert(q->value(0).toString(), {q->value(1).toString(), *status});
    }
    return out;
}

Result<std::optional<LivePayment>> PaymentStore::live(const QString &merchantId,
                                                      const QString &orderId)
{
    auto all = live(merchantId, QStringList{orderId});
    if (!all)
        return all.error();
    if (!all->contains(orderId))
        return std::optional<LivePayment>{};
    return std::optional<LivePayment>(all->value(orderId));
}

Result<QList<DuplicatePayment>> PaymentStore::duplicates()
{
    auto q = exec(m_c, QStringLiteral("SELECT id, order_id, duplicate_of, amount, amount_refunded,"
                                      " merchant_id FROM payments WHERE duplicate_of IS NOT NULL"
                                      " ORDER BY created_at, id"));
    if (!q)
        return q.error();
    QList<DuplicatePayment> out;
    while (q->next())
        out.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                    q->value(3).toLongLong(), q->value(4).toLongLong(), q->value(5).toString()});
    return out;
}

Result<Payment> PaymentStore::capture(const QString &merchantId, const QString &id,
                                      std::optional<qint64> amount)
{
    if (!ids::isValid(id, u"pay_"))
        return ApiError::paymentNotFound();
    auto q = exec(
        m_c,
        QStringLiteral(
            "UPDATE payments SET captured = true, updated_at = now()"
            " WHERE id = ? AND merchant_id = ?::uuid AND status = 'success' AND NOT captured"
            " AND amount = coalesce(?::bigint, amount) RETURNING ") +
            paymentColumns(),
        {id, merchantId, amount ? QVariant(*amount) : QVariant(QMetaType(QMetaType::LongLong))});
    if (!q)
        return q.error();
    if (q->next())
        return paymentFromRow(q.value());
    // Nothing changed: say why.
    auto current = find(merchantId, id);
    if (!current)
        return current.error();
    if (!current.value())
        return ApiError::paymentNotFound();
    const Payment &p = *current.value();
    if (p.status != PaymentStatus::Success)
        return ApiError::badRequest(QStringLiteral("Payment not in capturable state"));
    if (p.captured)
        return ApiError::badRequest(QStringLiteral("Payment already captured"));
    return ApiError::badRequest(QStringLiteral("Capture amount must equal the payment amount"),
                                QStringLiteral("amount"));
}

} // namespace gw::store
