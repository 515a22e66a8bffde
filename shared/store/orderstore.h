#pragma once
// The orders table.
#include "core/listquery.h"
#include "core/order.h"
#include "core/requests.h"
#include "store/connection.h"
#include "store/page.h"

#include <optional>

namespace gw::store {

class OrderStore
{
public:
    explicit OrderStore(Connection &c) : m_c(c) {}
    Result<Order> create(const QString &merchantId, const CreateOrderRequest &request);
    // nullopt when the merchant has no order with this id.
    Result<std::optional<Order>> find(const QString &merchantId, const QString &id);
    // Filter: status.
    Result<Page<Order>> list(const QString &merchantId, const ListQuery &query);

private:
    Connection &m_c;
};

} // namespace gw::store
