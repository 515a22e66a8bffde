#pragma once
// GET /health (and /api/v1/health): database, Redis and worker status.
#include "server/servercontext.h"

#include <QHttpServer>

namespace gw::http {

void registerHealthRoutes(QHttpServer &server, ServerContext &ctx);

} // namespace gw::http
