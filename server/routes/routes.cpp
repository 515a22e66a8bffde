#include "server/routes/routes.h"

#include "server/routes/apiroutes.h"

namespace gw::http {

RouteTable apiRouteTable()
{
    RouteTable t;
    addHealthRoutes(t);
    addOrderRoutes(t);
    addPublicRoutes(t); // before /payments/{id}…: /payments/public is a fixed path
    addPaymentRoutes(t);
    addRefundRoutes(t);
    addWebhookRoutes(t);
    addStatsRoutes(t);
    addTestRoutes(t);
    addDocsRoutes(t);
    addReferenceRoutes(t);
    return t;
}

void registerApiRoutes(QHttpServer &server, ServerContext &ctx)
{
    apiRouteTable().install(server, ctx);
}

} // namespace gw::http
