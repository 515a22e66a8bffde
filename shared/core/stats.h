#pragma once
// GET /api/v1/stats: the query (a time range cut into minute, hour or day buckets) and the answer
// (totals over the range and one entry per bucket), with their JSON written here once.
#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QUrlQuery>
#include <optional>

namespace gw {

struct StatsQuery
{
    // At most a week of minute buckets in one answer.
    static constexpr qint64 kMaxBuckets = 7 * 24 * 60;

    QDateTime from; // inclusive
    QDateTime to;   // exclusive
    QString bucket; // "minute", "hour" or "day"

    // from/to: ISO-8601 or unix seconds (default: the 24 hours up to `now`); bucket default hour.
    // 400 naming the parameter for a bad value, from >= to, or more than kMaxBuckets buckets.
    static Result<StatsQuery> parse(const QUrlQuery &query, const QDateTime &now);
    qint64 bucketSeconds() const;
    // Unix seconds of the bucket holding `secs`: fixed intervals from 2000-01-01T00:00:00Z (the
    // origin the store's date_bin uses), so the time zone plays no part.
    qint64 bucketOf(qint64 secs) const;
};

// One bucket: payments created in it by status and method, their volume, and the webhook
// deliveries created in it by status.
struct StatsBucket
{
    QDateTime start;
    qint64 pending = 0;
    qint64 success = 0;
    qint64 failed = 0;
    qint64 upi = 0;
    qint64 card = 0;
    qint64 volume = 0; // sum of successful payments' amounts
    qint64 webhooksPending = 0;
    qint64 webhooksSucceeded = 0;
    qint64 webhooksFailed = 0;

    void add(const StatsBucket &other);
};

// Every bucket of the query's range, empty ones included, oldest first.
QList<StatsBucket> emptySeries(const StatsQuery &query);

struct Stats
{
    StatsQuery query;
    QList<StatsBucket> series; // every bucket of the range, empty ones included
    qint64 refundsPending = 0;
    qint64 refundsProcessed = 0;
    qint64 refundedAmount = 0; // processed refunds
    struct Jobs
    {
        qint64 queued = 0;
        qint64 inFlight = 0;
        qint64 delayed = 0;
    };
    std::optional<Jobs> jobs; // gateway-wide, now; absent while Redis is unreachable

    QJsonObject toJson() const;
};

} // namespace gw
