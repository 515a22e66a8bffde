// GET /health (and /api/v1/health): database, Redis and worker status.
#include "server/apiroutes.h"

#include "queue/workerregistry.h"
#include "server/ratelimiter.h"

#include <QDateTime>

namespace gw::http {

namespace {
Result<Reply> health(const Call &call)
{
    ServerContext &ctx = call.ctx;
    const bool database = ctx.db.ping();
    const bool redis = ctx.redis.ping();
    bool worker = false;
    if (redis) {
        auto live = queue::WorkerRegistry(ctx.redis).liveWorkers();
        worker = live && live.value() > 0;
    }
    const QJsonObject body{
        {QStringLiteral("status"),
         database && redis && worker ? QStringLiteral("healthy") : QStringLiteral("degraded")},
        {QStringLiteral("database"),
         database ? QStringLiteral("connected") : QStringLiteral("disconnected")},
        {QStringLiteral("redis"),
         redis ? QStringLiteral("connected") : QStringLiteral("disconnected")},
        {QStringLiteral("worker"), worker ? QStringLiteral("running") : QStringLiteral("stopped")},
        // Without Redis the per-key rate limits let every request through.
        {QStringLiteral("rate_limiter"),
         redis && !(ctx.rateLimiter && ctx.rateLimiter->failingOpen())
             ? QStringLiteral("enforcing")
             : QStringLiteral("failing_open")},
        {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    return reply(database ? 200 : 503, body);
}
} // namespace

void addHealthRoutes(RouteTable &t)
{
    for (const QString &path : {QStringLiteral("/health"), QStringLiteral("/api/v1/health")})
        t.add({QHttpServerRequest::Method::Get,
               path,
               QStringLiteral("Database, Redis and worker status; 503 while the database is down"),
               Access::None,
               Mode::Read,
               health,
               {}});
}

} // namespace gw::http
