#include "server/http/ratelimiter.h"

#include "core/logging.h"

#include <QCryptographicHash>

namespace gw::http {

namespace {
// KEYS[1] bucket; ARGV[1] tokens per second, ARGV[2] burst. Returns {allowed, remaining,
// ms until the next token when refused, ms until full}.
const QByteArray kScript = QByteArrayLiteral(R"lua(
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {allowed, math.floor(tokens), wait, math.ceil((burst - tokens) * 1000 / rate)}
)lua");

const QByteArray &scriptSha()
{
    static const QByteArray sha =
        QCryptographicHash::hash(kScript, QCryptographicHash::Sha1).toHex();
    return sha;
}

int seconds(qlonglong ms)
{
    return int((ms + 999) / 1000);
}
} // namespace

RateLimiter::RateLimiter(const RedisParams &redis) : m_redis(redis, kTimeoutMs) {}

RateDecision RateLimiter::take(const QString &bucket, int perSecond, int burst)
{
    RateDecision d;
    if (perSecond <= 0 || burst <= 0)
        return d;
    if (failingOpen())
        return d;
    const QByteArray key = QByteArrayLiteral("gw:rl:") + bucket.toUtf8();
    const QByteArray rate = QByteArray::number(perSecond);
    const QByteArray size = QByteArray::number(burst);
    auto r = m_redis.command({"EVALSHA", scriptSha(), "1", key, rate, size});
    if (!r && r.error().description.contains(QStringLiteral("NOSCRIPT")))
        r = m_redis.command(
            {"EVAL", kScript, "1", key, rate, size}); // loads it for the next EVALSHA
    const QVariantList v = r ? r->toList() : QVariantList{};
    if (v.size() != 4) {
        if (!m_failingOpen)
            qCWarning(lcHttp).noquote()
                << "rate limiter: Redis unreachable, failing open:"
                << (r ? QStringLiteral("bad reply") : r.error().description);
        m_failingOpen = true;
        m_retryRedis.setRemainingTime(kFailOpenMs);
        return d;
    }
    m_failingOpen = false;
    d.enforced = true;
    d.allowed = v[0].toLongLong() == 1;
    d.limit = burst;
    d.remaining = int(v[1].toLongLong());
    d.retryAfterSeconds = qMax(1, seconds(v[2].toLongLong()));
    d.resetSeconds = seconds(v[3].toLongLong());
    return d;
}

} // namespace gw::http
