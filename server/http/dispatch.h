#pragma once
// Running one call of a route: authentication, then the handler — for write routes inside one
// transaction with the Idempotency-Key claim and the stored response, jobs pushed after COMMIT.
#include "server/http/route.h"

#include <QHttpServerResponse>
#include <functional>

namespace gw::http {

// Receives the call's answer: at once, or (a group-committed create) later on the same thread.
using Answer = std::function<void(QHttpServerResponse &&)>;

void dispatch(const Route &route, ServerContext &ctx, const QHttpServerRequest &request,
              const QString &id, Answer answer);

} // namespace gw::http
