#include "store/paymentstore.h"

#include "core/ids.h"
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
    return std::optional<Payment>(paymentFromRow(q.value()));
}

Result<Page<Payment>> PaymentStore::list(const QString &merchantId, const ListQuery &query)
{
    return selectPage<Payment>(
        m_c, paymentColumns(),
        QStringLiteral("FROM payments WHERE merchant_id = ?::uuid AND status = coalesce(?, status)"
                       " AND method = coalesce(?, method) AND created_at >= "
                       "coalesce(?::timestamptz, '-infinity')"
                       " AND created_at <= coalesce(?::timestamptz, 'infinity')"),
        {merchantId, textOrNull(query.filter(QStringLiteral("status"))),
         textOrNull(query.filter(QStringLiteral("method"))), timeOrNull(query.from),
         timeOrNull(query.to)},
        query, paymentFromRow);
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
    if (p.status != QStringLiteral("success"))
        return ApiError::badRequest(QStringLiteral("Payment not in capturable state"));
    if (p.captured)
        return ApiError::badRequest(QStringLiteral("Payment already captured"));
    return ApiError::badRequest(QStringLiteral("Capture amount must equal the payment amount"),
                                QStringLiteral("amount"));
}

} // namespace gw::store
