#pragma once
// Per-key token buckets in Redis, shared by every API process: one EVALSHA of a Lua script per
// request (one round trip), the bucket's clock being Redis's own TIME. The limiter has its own
// connection with a short timeout, and after a failure it lets everything through without asking
// Redis for a second (fails open), so a Redis that is gone or hung never stalls requests.
#include "core/urls.h"
#include "queue/redisclient.h"

#include <QDeadlineTimer>
#include <QString>

namespace gw::http {

struct RateDecision
{
    bool allowed = true;
    bool enforced = false; // false: unlimited, or failing open
    int limit = 0;         // the burst
    int remaining = 0;
    int resetSeconds = 0;      // until the bucket is full again
    int retryAfterSeconds = 0; // when refused: until the next token
};

class RateLimiter
{
public:
    static constexpr int kTimeoutMs = 50;
    static constexpr int kFailOpenMs = 1000;

    explicit RateLimiter(const RedisParams &redis);

    // Takes one token from `bucket`; perSecond 0 means unlimited.
    RateDecision take(const QString &bucket, int perSecond, int burst);
    // True within a second of a failed try to reach Redis (requests pass unlimited meanwhile).
    bool failingOpen() const { return m_failingOpen && !m_retryRedis.hasExpired(); }

private:
    queue::RedisClient m_redis;
    QDeadlineTimer m_retryRedis; // while not expired after a failure, Redis is not asked
    bool m_failingOpen = false;
};

} // namespace gw::http
