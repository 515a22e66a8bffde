#pragma once
// Merchant authentication from X-Api-Key / X-Api-Secret, secrets checked against their keyed
// hashes (the key: the context's Config::apiSecretHashKey) in constant time (core/secrethash.h).
#include "core/merchant.h"
#include "core/result.h"
#include "server/servercontext.h"
#include "store/connection.h"

#include <QHttpServerRequest>

namespace gw::http {

// Both headers, key and secret: the merchant API, the secret checked with `secretHashKey`
// (Config::apiSecretHashKey). Reads the merchant every time.
Result<Merchant> authenticate(const QHttpServerRequest &request, store::Connection &db,
                              const QByteArray &secretHashKey);

// Both headers, key and secret: the merchant API. Through the thread's context, using its
// AuthCache when it has one.
Result<Merchant> authenticate(const QHttpServerRequest &request, ServerContext &ctx);
// X-Api-Key alone (the public checkout endpoints), through the thread's context.
Result<Merchant> authenticateKeyOnly(const QHttpServerRequest &request, ServerContext &ctx);

} // namespace gw::http
