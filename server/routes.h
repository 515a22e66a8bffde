#pragma once
// Registers every merchant-facing route; each resource's handlers live in their own file.
#include "server/servercontext.h"

#include <QHttpServer>

namespace gw::http {

void registerApiRoutes(QHttpServer &server, ServerContext &ctx);

} // namespace gw::http
