// The checkout page's endpoints: X-Api-Key alone, CORS for CHECKOUT_PUBLIC_URL (added by the
// route table, preflight included).
#include "server/routes/apiroutes.h"

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;
} // namespace

void addPublicRoutes(RouteTable &t)
{
    t.add({Method::Get,
           QStringLiteral("/api/v1/orders/{id}/public"),
           QStringLiteral("Checkout: fetch an order with the publishable key alone"),
           Access::PublicKey,
           Mode::Read,
           getOrder,
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
