#pragma once
// Every route of the server in one list. install() registers them with a QHttpServer, wrapping
// each handler with authentication, the transaction and idempotency of write routes, CORS for
// the public ones and the request metrics. openapi.json is generated from the same list.
#include "server/http/route.h"

#include <QHttpServer>

namespace gw::http {

class RouteTable
{
public:
    void add(Route route);
    const QList<Route> &routes() const { return m_routes; }
    void install(QHttpServer &server, ServerContext &ctx) const;

private:
    QList<Route> m_routes;
};

// The whole API (health, merchant, public, test, docs and metrics routes).
RouteTable apiRouteTable();

} // namespace gw::http
