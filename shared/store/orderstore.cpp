#include "store/orderstore.h"

#include "core/ids.h"
#include "store/rows.h"

#include <QJsonDocument>

namespace gw::store {

Result<Order> OrderStore::create(const QString &merchantId, const CreateOrderRequest &r)
{
    auto q =
        exec(m_c,
             QStringLiteral("INSERT INTO orders (id, merchant_id, amount, currency, receipt, notes)"
                            " VALUES (?, ?::uuid, ?, ?, ?, ?::jsonb) RETURNING ") +
                 orderColumns(),
             {ids::order(), merchantId, r.amount, r.currency, textOrNull(r.receipt),
              QString::fromUtf8(QJsonDocument(r.notes).toJson(QJsonDocument::Compact))});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::server(QStringLiteral("order insert returned no row"));
    return orderFromRow(q.value());
}

Result<std::optional<Order>> OrderStore::find(const QString &merchantId, const QString &id)
{
    if (!ids::isValid(id, u"order_"))
        return std::optional<Order>{};
    auto q = exec(m_c,
                  QStringLiteral("SELECT ") + orderColumns() +
                      QStringLiteral(" FROM orders WHERE id = ? AND merchant_id = ?::uuid"),
                  {id, merchantId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Order>{};
    auto order = orderFromRow(q.value());
    if (!order)
        return order.error();
    return std::optional<Order>(std::move(order).value());
}

Result<Page<Order>> OrderStore::list(const QString &merchantId, const ListQuery &query)
{
    return selectPage<Order>(
        m_c, orderColumns(),
        QStringLiteral("FROM orders WHERE merchant_id = ?::uuid AND status = coalesce(?, status)"),
        {merchantId, textOrNull(query.filter(QStringLiteral("status")))}, query, orderFromRow);
}

} // namespace gw::store
