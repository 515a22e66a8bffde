// GET /api/v1/openapi.json and GET /metrics.
#include "server/apiroutes.h"
#include "server/metrics.h"
#include "server/openapi.h"

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

Result<Reply> openApi(const Call &call)
{
    return reply(200, openApiDocument(apiRouteTable(), call.ctx.config.apiPublicUrl));
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
    out.rawBody = call.ctx.metrics ? call.ctx.metrics->render(worker) : QByteArray("");
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
                          "webhook attempts (no auth)"),
           Access::None,
           Mode::Read,
           metrics,
           {}});
}

} // namespace gw::http
