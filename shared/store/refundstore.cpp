#include "store/refundstore.h"

#include "core/canonicaljson.h"
#include "core/ids.h"
#include "core/webhookevent.h"
#include "store/jsonpieces.h"
#include "store/rows.h"
#include "store/sql.h"

#include <QDateTime>
#include <QUuid>

namespace gw::store {

namespace {
ApiError paymentNotFound()
{
    return ApiError::notFound(QStringLiteral("Payment not found"));
}

QString createSql()
{
    // The refund's JSON, as the API answers it, is completed with its created_at inside the
    // refund.created payload (store/jsonpieces.h).
    static const QString sql =
        QStringLiteral(
            "WITH r AS (UPDATE payments SET refunds_reserved = refunds_reserved + ?,"
            " updated_at = now()"
            " WHERE id = ? AND merchant_id = ?::uuid AND status = 'success'"
            " AND refunds_reserved + ? <= amount RETURNING id, merchant_id),"
            " f AS (INSERT INTO refunds (id, payment_id, merchant_id, amount, reason)"
            " SELECT ?, id, merchant_id, ?, ? FROM r RETURNING id, merchant_id, created_at),"
            " j AS (INSERT INTO jobs (id, kind, subject_id) SELECT ?, ?, f.id FROM f),"
            " l AS (INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload,"
            " next_retry_at)"
            " SELECT ?::uuid, m.id, ?, ?, ?::text || ") +
        isoTimeSql(QStringLiteral("f.created_at")) +
        QStringLiteral(" || ?::text, CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END"
                       " FROM f JOIN merchants m ON m.id = f.merchant_id"
                       " RETURNING id, next_retry_at IS NOT NULL AS send),"
                       " h AS (INSERT INTO jobs (id, kind, subject_id)"
                       " SELECT ?, ?, l.id::text FROM l WHERE l.send)"
                       " SELECT f.created_at, l.send FROM f LEFT JOIN l ON true");
    return sql;
}
} // namespace

Result<CreatedRefund> RefundStore::create(const Merchant &merchant, const QString &paymentId,
                                          const CreateRefundRequest &r)
{
    if (!ids::isValid(paymentId, u"pay_"))
        return paymentNotFound();
    const auto bug = [] { return ApiError::server(QStringLiteral("An internal error occurred")); };
    CreatedRefund created;
    Refund &refund = created.refund;
    refund.id = ids::refund();
    refund.paymentId = paymentId;
    refund.merchantId = merchant.id;
    refund.amount = r.amount;
    refund.reason = r.reason;
    refund.livemode = merchant.livemode;
    // A stand-in, cut out of the JSON below: the statement writes its now() there.
    refund.createdAt = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    const QString logId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString eventId = ids::event();
    static const auto data =
        aroundEmptyObject(canonicalJson(QJsonObject{{QStringLiteral("refund"), QJsonObject{}}}));
    const auto json = aroundValue(refund.toJson(), QStringLiteral("created_at"));
    const auto event = data ? eventPieces(eventId, EventType::RefundCreated, *data) : std::nullopt;
    if (!json || !event)
        return bug();
    const JobRef job{ids::job(), JobKind::Refund, refund.id};
    const JobRef hook{ids::job(), JobKind::Webhook, logId};
    auto q =
        exec(m_c, createSql(),
             {r.amount, paymentId, merchant.id, r.amount, refund.id, r.amount, textOrNull(r.reason),
              job.id, jobKindName(job.kind), logId, eventId, eventName(EventType::RefundCreated),
              QString::fromUtf8(event->first + json->first),
              QString::fromUtf8(json->second + event->second), hook.id, jobKindName(hook.kind)});
    if (!q)
        return q.error();
    if (q->next()) {
        refund.createdAt = q->value(0).toDateTime().toUTC();
        created.jobs.append(job);
        if (q->value(1).toBool())
            created.jobs.append(hook);
        return created;
    }
    // Nothing reserved: tell a missing payment from one that cannot take this refund (a
    // statement of its own, so that it sees a refund that committed while this one waited).
    auto p = exec(m_c,
                  QStringLiteral("SELECT status, amount - refunds_reserved FROM payments"
                                 " WHERE id = ? AND merchant_id = ?::uuid"),
                  {paymentId, merchant.id});
    if (!p)
        return p.error();
    if (!p->next())
        return paymentNotFound();
    if (p->value(0).toString() != QStringLiteral("success"))
        return ApiError::badRequest(QStringLiteral("Payment not in refundable state"));
    return ApiError::badRequest(
        QStringLiteral("Refund amount exceeds the amount available to refund (%1)")
            .arg(p->value(1).toLongLong()),
        QStringLiteral("amount"));
}

Result<std::optional<Refund>> RefundStore::find(const QString &merchantId, const QString &id)
{
    if (!ids::isValid(id, u"rfnd_"))
        return std::optional<Refund>{};
    auto q = exec(m_c,
                  QStringLiteral("SELECT ") + refundColumns() +
                      QStringLiteral(" FROM refunds WHERE id = ? AND merchant_id = ?::uuid"),
                  {id, merchantId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Refund>{};
    return std::optional<Refund>(refundFromRow(q.value()));
}

Result<Page<Refund>> RefundStore::list(const QString &merchantId, const QString &paymentId,
                                       const ListQuery &query)
{
    return selectPage<Refund>(
        m_c, refundColumns(),
        QStringLiteral("FROM refunds WHERE merchant_id = ?::uuid AND status = coalesce(?, status)"
                       " AND payment_id = coalesce(?, payment_id)"),
        {merchantId, textOrNull(query.filter(QStringLiteral("status"))), textOrNull(paymentId)},
        query, refundFromRow);
}

} // namespace gw::store
