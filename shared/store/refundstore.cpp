#include "store/refundstore.h"

#include "core/ids.h"
#include "store/rows.h"
#include "store/sql.h"

namespace gw::store {

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
    auto r = refundFromRow(q.value());
    if (!r)
        return r.error();
    return std::optional<Refund>(std::move(r).value());
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
