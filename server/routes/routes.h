#pragma once
// Registers the whole API (apiRouteTable() in routetable.h: health, merchant, public, test, docs,
// metrics); each resource's handlers live in their own file.
#include "server/servercontext.h"

#include <QHttpServer>

namespace gw::http {

void registerApiRoutes(QHttpServer &server, ServerContext &ctx);

} // namespace gw::http
