#include "store/refundstore.h"

#include "core/ids.h"
#include "store/rows.h"

namespace gw::store {

Result<Refund> RefundStore::create(const QString &merchantId, const QString &paymentId,
                                   const CreateRefundRequest &r)
{
    if (!ids::isValid(paymentId, u"pay_"))
        return ApiError::notFound(QStringLiteral("Payment not found"));
    auto q = exec(
        m_c,
        QStringLiteral(
            "WITH reserved AS ("
            " UPDATE payments SET refunds_reserved = refunds_reserved + ?, updated_at = now()"
            " WHERE id = ? AND merchant_id = ?::uuid AND status = 'success'"
            " AND refunds_reserved + ? <= amount RETURNING id, merchant_id)"
            " INSERT INTO refunds (id, payment_id, merchant_id, amount, reason)"
            " SELECT ?, id, merchant_id, ?, ? FROM reserved RETURNING ") +
            refundColumns(),
        {r.amount, paymentId, merchantId, r.amount, ids::refund(), r.amount, textOrNull(r.reason)});
    if (!q)
        return q.error();
    if (q->next())
        return refundFromRow(q.value());
    // Nothing reserved: tell a missing payment from one that cannot take this refund.
    auto p = exec(m_c,
                  QStringLiteral("SELECT status, amount - refunds_reserved FROM payments"
                                 " WHERE id = ? AND merchant_id = ?::uuid"),
                  {paymentId, merchantId});
    if (!p)
        return p.error();
    if (!p->next())
        return ApiError::notFound(QStringLiteral("Payment not found"));
    if (p->value(0).toString() != QStringLiteral("success"))
        return ApiError::badRequest(QStringLiteral("Payment not in refundable state"));
    return ApiError::badRequest(
        QStringLiteral("Refund amount exceeds the amount available to refund (%1)")
            .arg(p->value(1).toLongLong()),
        QStringLiteral("amount"));
}

Result<std::optional<Refund>> RefundStore::find(const QString &merchantId, const QString &id)
{
    if (!ids::isValid(id, u"rfnd_"))
        return std::optional<Refund>{};
    auto q = exec(m_c,
                  QStringLiteral("SELECT ") + refundColumns() +
                      QStringLiteral(" FROM refunds WHERE id = ? AND merchant_id = ?::uuid"),
                  {id, merchantId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Refund>{};
    return std::optional<Refund>(refundFromRow(q.value()));
}

Result<Page<Refund>> RefundStore::list(const QString &merchantId, const QString &paymentId,
                                       const ListQuery &query)
{
    return selectPage<Refund>(
        m_c, refundColumns(),
        QStringLiteral("FROM refunds WHERE merchant_id = ?::uuid AND status = coalesce(?, status)"
                       " AND payment_id = coalesce(?, payment_id)"),
        {merchantId, textOrNull(query.filter(QStringLiteral("status"))), textOrNull(paymentId)},
        query, refundFromRow);
}

} // namespace gw::store
