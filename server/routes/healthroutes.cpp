// GET /health (and /api/v1/health): database, Redis and worker status, and why it is degraded.
// Answers within ~100 ms whatever Redis or PostgreSQL do: Redis is asked through a client with a
// short time-out, the database's state comes from the DatabaseWatch, and the job pusher's
// backlog is read from memory.
#include "server/routes/apiroutes.h"

#include "queue/workerregistry.h"
#include "server/databasewatch.h"
#include "server/http/ratelimiter.h"
#include "server/writer/paymentwriter.h"

#include <QDateTime>
#include <QJsonArray>

namespace gw::http {

namespace {
Result<Reply> health(const Call &call)
{
    ServerContext &ctx = call.ctx;
    queue::RedisClient &redisClient = ctx.probe ? *ctx.probe : ctx.redis;
    QJsonArray reasons;
    const DatabaseWatch::State db =
        ctx.databaseWatch
            ? ctx.databaseWatch->state()
            : DatabaseWatch::State{ctx.db.reach() == store::Connection::Reach::Writable,
                                   QStringLiteral("PostgreSQL is unreachable or read-only")};
    const bool database = db.reachable;
    if (!database)
        reasons.append(db.reason);
    const bool redis = redisClient.ping();
    bool worker = false;
    if (!redis) {
        reasons.append(
            QStringLiteral("Redis does not answer (%1); new jobs are kept in the jobs table and "
                           "pushed once it does")
                .arg(redisClient.lastFailure()));
    } else {
        auto live = queue::WorkerRegistry(redisClient).liveWorkers();
        worker = live && live.value() > 0;
        if (!worker)
            reasons.append(QStringLiteral("no worker is running; payments stay pending"));
    }
    for (const auto &s : {ctx.pusher ? ctx.pusher->state() : queue::JobPusher::State{},
                          ctx.payments ? ctx.payments->pushState() : queue::JobPusher::State{}})
        if (s.failingSinceMs > 0)
            reasons.append(QStringLiteral("Redis push failing for %1 s, %2 jobs waiting: %3")
                               .arg((QDateTime::currentMSecsSinceEpoch() - s.failingSinceMs) / 1000)
                               .arg(s.waiting)
                               .arg(s.lastError));
    const QJsonObject body{
        {QStringLiteral("status"),
         reasons.isEmpty() ? QStringLiteral("healthy") : QStringLiteral("degraded")},
        {QStringLiteral("database"),
         database ? QStringLiteral("connected") : QStringLiteral("disconnected")},
        {QStringLiteral("redis"), redis                    ? QStringLiteral("connected")
                                  : redisClient.noMaster() ? QStringLiteral("no master")
                                                           : QStringLiteral("disconnected")},
        {QStringLiteral("worker"), worker ? QStringLiteral("running") : QStringLiteral("stopped")},
        // Without Redis the per-key rate limits let every request through.
        {QStringLiteral("rate_limiter"),
         redis && !(ctx.rateLimiter && ctx.rateLimiter->failingOpen())
             ? QStringLiteral("enforcing")
             : QStringLiteral("failing_open")},
        {QStringLiteral("reasons"), reasons},
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
               QStringLiteral("Database, Redis and worker status with the reasons when degraded; "
                              "503 while the database is down"),
               Access::None,
               Mode::Read,
               health,
               {}});
}

} // namespace gw::http
