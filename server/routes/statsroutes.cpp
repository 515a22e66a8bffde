// GET /api/v1/stats: the merchant's totals and time series over a range, from PostgreSQL, plus
// the gateway's job queue from Redis.
#include "core/stats.h"
#include "queue/jobqueue.h"
#include "server/routes/apiroutes.h"
#include "store/statsstore.h"

namespace gw::http {

namespace {
Result<Reply> stats(const Call &call)
{
    auto query = StatsQuery::parse(queryOf(call), QDateTime::currentDateTimeUtc());
    if (!query)
        return query.error();
    auto stats = store::StatsStore(call.ctx.db).load(call.merchant.id, query.value());
    if (!stats)
        return stats.error();
    // Without Redis the database's numbers are still worth serving; jobs is then null.
    if (auto counts = queue::JobQueue(call.ctx.redis).counts(); counts)
        stats->jobs = Stats::Jobs{counts->queued, counts->processing, counts->delayed};
    return reply(200, stats->toJson());
}

QList<QueryParam> statsParams()
{
    return {
        {QStringLiteral("from"),
         QStringLiteral(
             "Start of the range, inclusive (ISO-8601 or unix seconds; default 24 h before to)")},
        {QStringLiteral("to"),
         QStringLiteral("End of the range, exclusive (ISO-8601 or unix seconds; default now)")},
        {QStringLiteral("bucket"),
         QStringLiteral(
             "Width of each series entry, aligned to UTC (default hour; at most %1 buckets)")
             .arg(StatsQuery::kMaxBuckets),
         {QStringLiteral("minute"), QStringLiteral("hour"), QStringLiteral("day")}},
    };
}
} // namespace

void addStatsRoutes(RouteTable &t)
{
    t.add({QHttpServerRequest::Method::Get,
           QStringLiteral("/api/v1/stats"),
           QStringLiteral("Totals over [from, to) (payments by status and method, volume, success "
                          "rate, refunds, webhook "
                          "deliveries; the gateway's jobs queued, in flight and delayed now) and "
                          "one entry per bucket"),
           Access::Merchant,
           Mode::Read,
           stats,
           {},
           statsParams()});
}

} // namespace gw::http
