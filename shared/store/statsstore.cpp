#include "store/statsstore.h"

#include "store/page.h"
#include "store/sql.h"

#include <QHash>

namespace gw::store {

namespace {
// The bucket of a row as unix seconds: date_bin over fixed intervals from a UTC origin, so the
// session's time zone plays no part.
const QString kBucket =
    QStringLiteral("extract(epoch FROM date_bin(make_interval(secs => ?), created_at,"
                   " '2000-01-01 00:00:00+00'::timestamptz))::bigint");
const QString kRange =
    QStringLiteral(" WHERE merchant_id = ?::uuid AND created_at >= ?::timestamptz"
                   " AND created_at < ?::timestamptz");
} // namespace

Result<Stats> StatsStore::load(const QString &merchantId, const StatsQuery &query)
{
    const qint64 step = query.bucketSeconds();
    const QVariantList bind{step, merchantId, timeOrNull(query.from), timeOrNull(query.to)};

    // Every bucket of the range, so that empty minutes are zeros rather than gaps.
    Stats stats;
    stats.query = query;
    stats.series = emptySeries(query); // date_bin's origin above is the one bucketOf uses
    QHash<qint64, qsizetype> slot;
    for (qsizetype i = 0; i < stats.series.size(); ++i)
        slot.insert(stats.series.at(i).start.toSecsSinceEpoch(), i);
    auto bucketOf = [&](const QSqlQuery &q) -> StatsBucket * {
        const qsizetype i = slot.value(q.value(0).toLongLong(), -1);
        return i < 0 ? nullptr : &stats.series[i];
    };

    auto payments =
        exec(m_c,
             QStringLiteral("SELECT ") + kBucket +
                 QStringLiteral(", count(*) FILTER (WHERE status = 'pending'),"
                                " count(*) FILTER (WHERE status = 'success'),"
                                " count(*) FILTER (WHERE status = 'failed'),"
                                " count(*) FILTER (WHERE method = 'upi'),"
                                " count(*) FILTER (WHERE method = 'card'),"
                                " coalesce(sum(amount) FILTER (WHERE status = 'success'), 0)"
                                " FROM payments") +
                 kRange + QStringLiteral(" GROUP BY 1"),
             bind);
    if (!payments)
        return payments.error();
    while (payments->next())
        if (StatsBucket *b = bucketOf(payments.value())) {
            b->pending = payments->value(1).toLongLong();
            b->success = payments->value(2).toLongLong();
            b->failed = payments->value(3).toLongLong();
            b->upi = payments->value(4).toLongLong();
            b->card = payments->value(5).toLongLong();
            b->volume = payments->value(6).toLongLong();
        }

    auto webhooks =
        exec(m_c,
             QStringLiteral("SELECT ") + kBucket +
                 QStringLiteral(", count(*) FILTER (WHERE status = 'pending'),"
                                " count(*) FILTER (WHERE status = 'success'),"
                                " count(*) FILTER (WHERE status = 'failed') FROM webhook_logs") +
                 kRange + QStringLiteral(" GROUP BY 1"),
             bind);
    if (!webhooks)
        return webhooks.error();
    while (webhooks->next())
        if (StatsBucket *b = bucketOf(webhooks.value())) {
            b->webhooksPending = webhooks->value(1).toLongLong();
            b->webhooksSucceeded = webhooks->value(2).toLongLong();
            b->webhooksFailed = webhooks->value(3).toLongLong();
        }

    auto refunds =
        exec(m_c,
             QStringLiteral(
                 "SELECT count(*) FILTER (WHERE status = 'pending'),"
                 " count(*) FILTER (WHERE status = 'processed'),"
                 " coalesce(sum(amount) FILTER (WHERE status = 'processed'), 0) FROM refunds") +
                 kRange,
             bind.mid(1));
    if (!refunds)
        return refunds.error();
    if (refunds->next()) {
        stats.refundsPending = refunds->value(0).toLongLong();
        stats.refundsProcessed = refunds->value(1).toLongLong();
        stats.refundedAmount = refunds->value(2).toLongLong();
    }
    return stats;
}

Result<StatsStore::DeliveryBacklog> StatsStore::deliveryBacklog()
{
    auto q = exec(
        m_c, QStringLiteral("SELECT (SELECT count(*) FROM webhook_logs WHERE status = 'pending'),"
                            " (SELECT count(*) FROM webhook_logs WHERE status = 'failed')"));
    if (!q)
        return q.error();
    DeliveryBacklog b;
    if (q->next()) {
        b.pending = q->value(0).toLongLong();
        b.failed = q->value(1).toLongLong();
    }
    return b;
}

} // namespace gw::store
