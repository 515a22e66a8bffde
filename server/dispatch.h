#pragma once
// Running one call of a route: authentication, then the handler — for write routes inside one
// transaction with the Idempotency-Key claim and the stored response, jobs pushed after COMMIT.
#include "server/route.h"

#include <QHttpServerResponse>

namespace gw::http {

QHttpServerResponse dispatch(const Route &route, ServerContext &ctx,
                             const QHttpServerRequest &request, const QString &id);

} // namespace gw::http
