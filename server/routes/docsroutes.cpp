// GET /api/v1/openapi.json and GET /metrics.
#include "queue/jobqueue.h"
#include "queue/workerregistry.h"
#include "server/http/metrics.h"
#include "server/http/openapi.h"
#include "server/routes/apiroutes.h"
#include "server/writer/paymentwriter.h"
#include "store/statsstore.h"

#include <QDateTime>

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

Result<Reply> openApi(const Call &call)
{
    return reply(200, openApiDocument(apiRouteTable(), call.ctx.config.apiPublicUrl));
}

// Each part read on its own: a down Redis or database leaves only its gauges out.
Gauges gauges(ServerContext &ctx)
{
    Gauges g;
    queue::JobQueue jobs(ctx.redis);
    if (auto counts = jobs.counts(); counts)
        if (auto age = jobs.oldestQueuedAge(); age)
            g.queue =
                Gauges::Queue{counts->queued, counts->processing, counts->delayed, age.value()};
    if (auto beats = queue::WorkerRegistry(ctx.redis).heartbeats(); beats) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QList<QPair<QString, double>> ages;
        for (const auto &[worker, at] : beats.value())
            ages.append({worker, double(std::max<qint64>(0, now - at))});
        g.heartbeatAges = ages;
    }
    if (ctx.payments)
        g.writerPending = ctx.payments->pending();
    if (auto backlog = store::StatsStore(ctx.db).deliveryBacklog(); backlog) {
        g.deliveriesPending = backlog->pending;
        g.deliveriesFailed = backlog->failed;
    }
    return g;
}

Result<Reply> metrics(const Call &call)
{
    QMap<QByteArray, QByteArray> worker;
    // The worker's counters; without Redis the request metrics are still worth serving.
    if (auto r = call.ctx.redis.command({"HGETALL", "gw:metrics"}); r) {
        const QVariantList flat = r->toList();
        for (qsizetype i = 0; i + 1 < flat.size(); i += 2)
            worker.insert(flat.at(i).toByteArray(), flat.at(i + 1).toByteArray());
    }
    Reply out;
    out.rawBody =
        call.ctx.metrics ? call.ctx.metrics->render(worker, gauges(call.ctx)) : QByteArray("");
    out.contentType = QByteArrayLiteral("text/plain; version=0.0.4");
    return out;
}
} // namespace

void addDocsRoutes(RouteTable &t)
{
    t.add({Method::Get,
           QStringLiteral("/api/v1/openapi.json"),
           QStringLiteral("This OpenAPI 3 description (no auth)"),
           Access::None,
           Mode::Read,
           openApi,
           {}});
    t.add({Method::Get,
           QStringLiteral("/metrics"),
           QStringLiteral("Prometheus metrics: requests by route and status, latency, jobs, "
                          "webhook attempts; gauges of the "
                          "job queue, the oldest waiting job, the delivery backlog and worker "
                          "heartbeats (no auth)"),
           Access::None,
           Mode::Read,
           metrics,
           {}});
}

} // namespace gw::http
