#include "server/healthroutes.h"

#include "queue/workerregistry.h"
#include "server/reply.h"

#include <QDateTime>

namespace gw::http {

namespace {
QHttpServerResponse health(ServerContext &ctx)
{
    const bool database = ctx.db.ping();
    const bool redis = ctx.redis.ping();
    bool worker = false;
    if (redis) {
        auto live = queue::WorkerRegistry(ctx.redis).liveWorkers();
        worker = live && live.value() > 0;
    }
    const QJsonObject body{
        {QStringLiteral("status"), database && redis && worker ? QStringLiteral("healthy")
                                                               : QStringLiteral("degraded")},
        {QStringLiteral("database"), database ? QStringLiteral("connected") : QStringLiteral("disconnected")},
        {QStringLiteral("redis"), redis ? QStringLiteral("connected") : QStringLiteral("disconnected")},
        {QStringLiteral("worker"), worker ? QStringLiteral("running") : QStringLiteral("stopped")},
        {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
    };
    return json(body, database ? Status::Ok : Status::ServiceUnavailable);
}
} // namespace

void registerHealthRoutes(QHttpServer &server, ServerContext &ctx)
{
    for (const char *path : {"/health", "/api/v1/health"})
        server.route(QString::fromLatin1(path), QHttpServerRequest::Method::Get,
                     [&ctx] { return health(ctx); });
}

} // namespace gw::http
