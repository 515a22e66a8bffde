#include "core/stats.h"

#include "core/jsontime.h"
#include "core/listquery.h"

#include <QJsonArray>

namespace gw {

namespace {
const QStringList kBuckets{QStringLiteral("minute"), QStringLiteral("hour"), QStringLiteral("day")};

// success / (success + failed); pending payments are not decided yet. Null when nothing is.
QJsonValue successRate(qint64 success, qint64 failed)
{
    if (success + failed == 0)
        return QJsonValue::Null;
    return double(success) / double(success + failed);
}

QJsonObject byStatus(qint64 pending, qint64 success, qint64 failed)
{
    return {{QStringLiteral("pending"), pending},
            {QStringLiteral("success"), success},
            {QStringLiteral("failed"), failed}};
}
} // namespace

Result<StatsQuery> StatsQuery::parse(const QUrlQuery &query, const QDateTime &now)
{
    StatsQuery q;
    auto bucket = queryOneOf(query, QStringLiteral("bucket"), kBuckets, QStringLiteral("hour"));
    if (!bucket)
        return bucket.error();
    q.bucket = bucket.value();
    auto to = queryTime(query, QStringLiteral("to"));
    if (!to)
        return to.error();
    auto from = queryTime(query, QStringLiteral("from"));
    if (!from)
        return from.error();
    q.to = to->isValid() ? to.value() : now.toUTC();
    q.from = from->isValid() ? from.value() : q.to.addSecs(-24 * 3600);
    if (q.from >= q.to)
        return ApiError::badRequest(QStringLiteral("from must be before to"),
                                    QStringLiteral("from"));
    const qint64 buckets = (q.from.secsTo(q.to) + q.bucketSeconds() - 1) / q.bucketSeconds() + 1;
    if (buckets > kMaxBuckets)
        return ApiError::badRequest(
            QStringLiteral("bucket %1 cuts this range into more than %2 buckets; choose a longer "
                           "bucket or a shorter range")
                .arg(q.bucket)
                .arg(kMaxBuckets),
            QStringLiteral("bucket"));
    return q;
}

qint64 StatsQuery::bucketSeconds() const
{
    if (bucket == QStringLiteral("minute"))
        return 60;
    if (bucket == QStringLiteral("day"))
        return 24 * 3600;
    return 3600;
}

qint64 StatsQuery::bucketOf(qint64 secs) const
{
    constexpr qint64 kOrigin = 946684800; // 2000-01-01T00:00:00Z
    const qint64 step = bucketSeconds();
    return secs - ((secs - kOrigin) % step + step) % step;
}

QList<StatsBucket> emptySeries(const StatsQuery &query)
{
    QList<StatsBucket> series;
    for (qint64 t = query.bucketOf(query.from.toSecsSinceEpoch()); t < query.to.toSecsSinceEpoch();
         t += query.bucketSeconds())
        series.append(StatsBucket{QDateTime::fromSecsSinceEpoch(t, Qt::UTC)});
    return series;
}

void StatsBucket::add(const StatsBucket &o)
{
    pending += o.pending;
    success += o.success;
    failed += o.failed;
    upi += o.upi;
    card += o.card;
    volume += o.volume;
    webhooksPending += o.webhooksPending;
    webhooksSucceeded += o.webhooksSucceeded;
    webhooksFailed += o.webhooksFailed;
}

QJsonObject Stats::toJson() const
{
    StatsBucket total;
    QJsonArray buckets;
    for (const StatsBucket &b : series) {
        total.add(b);
        buckets.append(QJsonObject{
            {QStringLiteral("start"), isoTime(b.start)},
            {QStringLiteral("payments"), byStatus(b.pending, b.success, b.failed)},
            {QStringLiteral("volume"), b.volume},
            {QStringLiteral("success_rate"), successRate(b.success, b.failed)},
            {QStringLiteral("webhooks"),
             byStatus(b.webhooksPending, b.webhooksSucceeded, b.webhooksFailed)},
        });
    }
    QJsonValue jobsJson = QJsonValue::Null;
    if (jobs)
        jobsJson = QJsonObject{{QStringLiteral("queued"), jobs->queued},
                               {QStringLiteral("in_flight"), jobs->inFlight},
                               {QStringLiteral("delayed"), jobs->delayed}};
    const QJsonObject totals{
        {QStringLiteral("payments"), total.pending + total.success + total.failed},
        {QStringLiteral("payments_by_status"),
         byStatus(total.pending, total.success, total.failed)},
        {QStringLiteral("payments_by_method"),
         QJsonObject{{QStringLiteral("upi"), total.upi}, {QStringLiteral("card"), total.card}}},
        {QStringLiteral("volume"), total.volume},
        {QStringLiteral("success_rate"), successRate(total.success, total.failed)},
        {QStringLiteral("refunds"), refundsPending + refundsProcessed},
        {QStringLiteral("refunds_by_status"),
         QJsonObject{{QStringLiteral("pending"), refundsPending},
                     {QStringLiteral("processed"), refundsProcessed}}},
        {QStringLiteral("refunded_amount"), refundedAmount},
        {QStringLiteral("webhooks_by_status"),
         byStatus(total.webhooksPending, total.webhooksSucceeded, total.webhooksFailed)},
        {QStringLiteral("jobs"), jobsJson},
    };
    return {{QStringLiteral("from"), isoTime(query.from)},
            {QStringLiteral("to"), isoTime(query.to)},
            {QStringLiteral("bucket"), query.bucket},
            {QStringLiteral("totals"), totals},
            {QStringLiteral("series"), buckets}};
}

} // namespace gw
