// The checkout page's endpoints: X-Api-Key alone, CORS for CHECKOUT_PUBLIC_URL (added by the
// route table, preflight included).
#include "core/payment.h"
#include "server/routes/apiroutes.h"
#include "store/orderstore.h"
#include "store/paymentstore.h"

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

Result<Reply> getPublicOrder(const Call &call)
{
    auto order = store::OrderStore(call.ctx.db).find(call.merchant.id, call.id);
    if (!order)
        return order.error();
    if (!order.value())
        return ApiError::orderNotFound();
    auto live = store::PaymentStore(call.ctx.db).live(call.merchant.id, call.id);
    if (!live)
        return live.error();
    return reply(200, publicOrderJson(*order.value(), live.value()));
}
} // namespace

void addPublicRoutes(RouteTable &t)
{
    t.add({Method::Get,
           QStringLiteral("/api/v1/orders/{id}/public"),
           QStringLiteral("Checkout: fetch an order and its live payment (pending or success, "
                          "or null) with the publishable key alone"),
           Access::PublicKey,
           Mode::Read,
           getPublicOrder,
           {}});
    t.add({Method::Post,
           QStringLiteral("/api/v1/payments/public"),
           QStringLiteral("Checkout: create a payment with the publishable key alone (same body as "
                          "POST /payments)"),
           Access::PublicKey,
           Mode::Write,
           createPayment,
           QStringLiteral("CreatePayment"),
           {},
           createPaymentGrouped});
    t.add({Method::Get,
           QStringLiteral("/api/v1/payments/{id}/public"),
           QStringLiteral("Checkout: poll a payment's status with the publishable key alone"),
           Access::PublicKey,
           Mode::Read,
           getPayment,
           {}});
}

} // namespace gw::http
