#include "server/routes.h"

namespace gw::http {

void registerApiRoutes(QHttpServer &server, ServerContext &ctx)
{
    // The resource handlers register themselves here (orders, payments, refunds, webhooks, …).
    Q_UNUSED(server);
    Q_UNUSED(ctx);
}

} // namespace gw::http
