// POST /orders, GET /orders/{id}, GET /orders.
#include "core/enums.h"
#include "core/listquery.h"
#include "core/requests.h"
#include "server/routes/apiroutes.h"
#include "server/routes/listparams.h"
#include "store/orderstore.h"

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

Result<Reply> createOrder(const Call &call)
{
    auto request = CreateOrderRequest::parse(call.request.body());
    if (!request)
        return request.error();
    auto order = store::OrderStore(call.ctx.db).create(call.merchant.id, request.value());
    if (!order)
        return order.error();
    return reply(201, order->toJson());
}

const ListParams &orderListParams()
{
    static const ListParams params{{{QStringLiteral("status"), allStrings<OrderStatus>()}}};
    return params;
}

Result<Reply> listOrders(const Call &call)
{
    return listReply(call, orderListParams(), [&](const ListQuery &query) {
        return store::OrderStore(call.ctx.db).list(call.merchant.id, query);
    });
}
} // namespace

Result<Reply> getOrder(const Call &call)
{
    auto order = store::OrderStore(call.ctx.db).find(call.merchant.id, call.id);
    if (!order)
        return order.error();
    if (!order.value())
        return ApiError::orderNotFound();
    return reply(200, order.value()->toJson());
}

QUrlQuery queryOf(const Call &call)
{
    return QUrlQuery(call.request.url());
}

void addOrderRoutes(RouteTable &t)
{
    t.add({Method::Post, QStringLiteral("/api/v1/orders"),
           QStringLiteral("Create an order (amount >= 100, currency, receipt, notes)"),
           Access::Merchant, Mode::Write, createOrder, QStringLiteral("CreateOrder")});
    t.add({Method::Get,
           QStringLiteral("/api/v1/orders"),
           QStringLiteral(
               "List orders, newest first unless sorted (limit, offset, status, sort, order)"),
           Access::Merchant,
           Mode::Read,
           listOrders,
           {},
           orderListParams().describe()});
    t.add({Method::Get,
           QStringLiteral("/api/v1/orders/{id}"),
           QStringLiteral("Fetch one order"),
           Access::Merchant,
           Mode::Read,
           getOrder,
           {}});
}

} // namespace gw::http
