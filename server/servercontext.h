#pragma once
// What one server thread's handlers share: configuration, that thread's own connections, and
// the process-wide request metrics (thread-safe).
#include "core/config.h"
#include "queue/jobpusher.h"
#include "queue/redisclient.h"
#include "store/connection.h"

#include <memory>

namespace gw::http {

class Metrics;
class AuthCache;
class RateLimiter;
class PaymentWriter;
class ThreadInbox;
class DatabaseWatch;
class TrustedProxies;

struct ServerContext
{
    const Config &config;
    store::Connection &db;
    queue::RedisClient &redis;
    Metrics *metrics = nullptr;         // shared by every thread; null: not recorded
    AuthCache *authCache = nullptr;     // this thread's own; null: every request reads the merchant
    RateLimiter *rateLimiter = nullptr; // this thread's own; null: no rate limits
    queue::JobPusher *pusher =
        nullptr; // this thread's own; null: jobs are pushed on the request thread
    queue::RedisClient *probe = nullptr; // short time-out, for /health; null: `redis` is asked
    PaymentWriter *payments = nullptr; // shared group commit of creates; null: one transaction each
    // Work from other threads (the payment writer's answers) runs on this thread through it.
    std::shared_ptr<ThreadInbox> inbox = {};
    // The server is stopping: every answer says `Connection: close` (this thread's own flag).
    bool draining = false;
    // The database's state for /health, checked off the request path; null: /health asks `db`.
    const DatabaseWatch *databaseWatch = nullptr;
    // Whose X-Forwarded-For names the client (TRUSTED_PROXIES); null when none is set, so a
    // public request's headers are not read for it.
    const TrustedProxies *trustedProxies = nullptr;
};

} // namespace gw::http
