#pragma once
// Merchant authentication from X-Api-Key / X-Api-Secret, secrets checked against their salted
// hashes in constant time (core/secrethash.h).
#include "core/merchant.h"
#include "core/result.h"
#include "server/servercontext.h"
#include "store/connection.h"

#include <QHttpServerRequest>

namespace gw::http {

// Both headers, key and secret: the merchant API.
Result<Merchant> authenticate(const QHttpServerRequest &request, store::Connection &db);
// X-Api-Key alone: the public checkout endpoints.
Result<Merchant> authenticateKeyOnly(const QHttpServerRequest &request, store::Connection &db);

// The same through the thread's context, using its AuthCache when it has one.
Result<Merchant> authenticate(const QHttpServerRequest &request, ServerContext &ctx);
Result<Merchant> authenticateKeyOnly(const QHttpServerRequest &request, ServerContext &ctx);

} // namespace gw::http
