#include "store/refundbatch.h"

#include "core/canonicaljson.h"
#include "core/enums.h"
#include "core/ids.h"
#include "core/refund.h"
#include "store/pgarray.h"
#include "store/rows.h"
#include "store/sql.h"

#include <QDateTime>
#include <QUuid>

#include <array>

namespace gw::store {

namespace {

ApiError bug()
{
    return ApiError::server(QStringLiteral("An internal error occurred"));
}

// The refund's JSON from its row `f` and the draft's pieces in `i` (jhead, jtail).
QString jsonSql()
{
    return QStringLiteral("i.jhead || ") + isoTimeSql(QStringLiteral("f.created_at")) +
           QStringLiteral(" || i.jtail");
}

// The refunds of a batch whose outcome is unknown, looked up by their ids, each found locked FOR
// KEY SHARE so that the lookup's commit waits for the synchronous standby (PaymentBatch's
// writtenSql says why).
QString writtenSql()
{
    static const QString sql =
        QStringLiteral("SELECT i.n, ") + jsonSql() +
        QStringLiteral(", EXISTS (SELECT 1 FROM jobs WHERE id = i.hook)"
                       " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY"
                       " AS i (rid, jhead, jtail, hook, n)"
                       " LEFT JOIN LATERAL (SELECT * FROM refunds WHERE id = i.rid OFFSET 0"
                       " FOR KEY SHARE) f"
                       " ON true ORDER BY i.n");
    return sql;
}

QString batchSql()
{
    // r reserves each amount on its payment and returns which refund it reserved for; only those
    // are written. The refund's JSON is completed with its created_at, and the event's payload
    // around that JSON (store/jsonpieces.h).
    static const QString sql =
        QStringLiteral(
            "WITH i AS (SELECT * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::bigint[],"
            " ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],"
            " ?::text[], ?::text[]) WITH ORDINALITY AS u (rid, pay, mer, amount, reason, job,"
            " log, evt, hook, jhead, jtail, ehead, etail, n)),"
            " r AS (UPDATE payments p SET refunds_reserved = p.refunds_reserved + i.amount,"
            " updated_at = now() FROM i"
            " WHERE p.id = i.pay AND p.merchant_id = i.mer AND p.status = 'success'"
            " AND p.refunds_reserved + i.amount <= p.amount RETURNING i.rid, p.merchant_id),"
            " f AS (INSERT INTO refunds (id, payment_id, merchant_id, amount, reason)"
            " SELECT i.rid, i.pay, r.merchant_id, i.amount, nullif(i.reason, '')"
            " FROM i JOIN r ON r.rid = i.rid ORDER BY i.n"
            " RETURNING id, merchant_id, created_at),"
            " d AS (SELECT i.n, i.rid, i.job, i.log, i.evt, i.hook, i.ehead, i.etail,"
            " f.merchant_id, ") +
        jsonSql() +
        QStringLiteral(
            " AS json FROM i JOIN f ON f.id = i.rid),"
            " j AS (INSERT INTO jobs (id, kind, subject_id) SELECT d.job, ?, d.rid FROM d"
            " ORDER BY d.n),"
            " l AS (INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload,"
            " next_retry_at)"
            " SELECT d.log, m.id, d.evt, ?, d.ehead || d.json || d.etail,"
            " CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END"
            " FROM d CROSS JOIN LATERAL (SELECT * FROM merchants WHERE id = d.merchant_id"
            " OFFSET 0) m ORDER BY d.n"
            " RETURNING id, next_retry_at IS NOT NULL AS send),"
            " h AS (INSERT INTO jobs (id, kind, subject_id)"
            " SELECT d.hook, ?, d.log::text FROM d JOIN l ON l.id = d.log WHERE l.send"
            " ORDER BY d.n)"
            " SELECT i.n, d.json, l.send FROM i LEFT JOIN d ON d.rid = i.rid"
            " LEFT JOIN l ON l.id = i.log ORDER BY i.n");
    return sql;
}

// Why the refunds that were not written were refused, read after the statement so that it sees
// a refund that committed while this one waited for the payment's row.
Result<QList<ApiError>> refusals(Connection &c, const QList<const RefundDraft *> &refused)
{
    QStringList payments, merchants;
    for (const RefundDraft *d : refused) {
        payments.append(d->paymentId);
        merchants.append(d->merchantId);
    }
    auto q = exec(c,
                  QStringLiteral("SELECT u.n, p.status, p.amount - p.refunds_reserved"
                                 " FROM unnest(?::text[], ?::uuid[]) WITH ORDINALITY AS u (pay,"
                                 " mer, n) LEFT JOIN payments p ON p.id = u.pay"
                                 " AND p.merchant_id = u.mer ORDER BY u.n"),
                  {pgArray(payments), pgArray(merchants)});
    if (!q)
        return q.error();
    QList<ApiError> out;
    while (q->next()) {
        if (q->value(1).isNull()) {
            out.append(ApiError::paymentNotFound());
            continue;
        }
        const auto status = enumColumn<PaymentStatus>(*q, 1);
        if (!status)
            return status.error();
        if (*status != PaymentStatus::Success)
            out.append(ApiError::badRequest(QStringLiteral("Payment not in refundable state")));
        else
            out.append(ApiError::badRequest(
                QStringLiteral("Refund amount exceeds the amount available to refund (%1)")
                    .arg(q->value(2).toLongLong()),
                QStringLiteral("amount")));
    }
    if (out.size() != refused.size())
        return bug();
    return out;
}

// A written refund's answer: its JSON as the statement returned it, and its jobs (the webhook's
// when `hook`: it exists only for a merchant with a webhook URL).
WrittenRefund writtenOf(const RefundDraft &d, const QVariant &json, bool hook)
{
    WrittenRefund written{json.toString().toUtf8(), {{d.jobId, JobKind::Refund, d.refundId}}};
    if (hook)
        written.jobs.append({d.hookJobId, JobKind::Webhook, d.logId});
    return written;
}
} // namespace

Result<RefundDraft> RefundBatch::draft(const Merchant &merchant, const QString &paymentId,
                                       const CreateRefundRequest &r)
{
    if (!ids::isValid(paymentId, u"pay_"))
        return ApiError::paymentNotFound();
    RefundDraft d;
    d.merchantId = merchant.id;
    d.paymentId = paymentId;
    d.request = r;
    d.refundId = ids::refund();
    d.jobId = ids::job();
    d.logId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d.eventId = ids::event();
    d.hookJobId = ids::job();
    Refund refund;
    refund.id = d.refundId;
    refund.paymentId = paymentId;
    refund.amount = r.amount;
    refund.reason = r.reason;
    refund.livemode = merchant.livemode;
    // A stand-in, cut out of the JSON: the statement writes the refund's created_at there.
    refund.createdAt = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    // The event's data is {"refund": …}, the same for every refund, so cut once.
    static const auto data =
        aroundEmptyObject(canonicalJson(QJsonObject{{QStringLiteral("refund"), QJsonObject{}}}));
    const auto json = aroundValue(refund.toJson(), QStringLiteral("created_at"));
    const auto event =
        data ? eventPieces(d.eventId, EventType::RefundCreated, *data) : std::nullopt;
    if (!json || !event)
        return bug();
    d.json = *json;
    d.event = *event;
    return d;
}

Result<QList<Result<WrittenRefund>>> RefundBatch::insert(const QList<const RefundDraft *> &drafts)
{
    QVariantList values = columnArrays<13>(drafts, [](const RefundDraft &d) {
        return std::array<QString, 13>{d.refundId,
                                       d.paymentId,
                                       d.merchantId,
                                       QString::number(d.request.amount),
                                       d.request.reason,
                                       d.jobId,
                                       d.logId,
                                       d.eventId,
                                       d.hookJobId,
                                       QString::fromUtf8(d.json.first),
                                       QString::fromUtf8(d.json.second),
                                       QString::fromUtf8(d.event.first),
                                       QString::fromUtf8(d.event.second)};
    });
    values << jobKindName(JobKind::Refund) << stringOf(EventType::RefundCreated)
           << jobKindName(JobKind::Webhook);
    auto q = exec(m_c, batchSql(), values);
    if (!q)
        return q.error();
    QList<Result<WrittenRefund>> out;
    QList<const RefundDraft *> refused;
    QList<qsizetype> refusedAt;
    while (q->next()) {
        if (q->value(0).toLongLong() != out.size() + 1)
            return bug();
        const RefundDraft *d = drafts.at(out.size());
        if (q->value(1).isNull()) { // not reserved: why is asked below
            refused.append(d);
            refusedAt.append(out.size());
            out.append(bug()); // replaced below
            continue;
        }
        out.append(writtenOf(*d, q->value(1), q->value(2).toBool()));
    }
    if (out.size() != drafts.size())
        return bug();
    if (!refused.isEmpty()) {
        // The statement has committed: whatever happens now is the refused refunds' answer, not
        // the batch's, which must not be written again.
        auto why = refusals(m_c, refused);
        for (qsizetype k = 0; k < refusedAt.size(); ++k)
            out[refusedAt.at(k)] =
                why ? Result<WrittenRefund>(why->at(k)) : Result<WrittenRefund>(why.error());
    }
    return out;
}

Result<QList<Result<WrittenRefund>>> RefundBatch::written(const QList<const RefundDraft *> &drafts)
{
    const QVariantList values = columnArrays<4>(drafts, [](const RefundDraft &d) {
        return std::array<QString, 4>{d.refundId, QString::fromUtf8(d.json.first),
                                      QString::fromUtf8(d.json.second), d.hookJobId};
    });
    auto q = exec(m_c, writtenSql(), values);
    if (!q)
        return q.error();
    QList<Result<WrittenRefund>> out;
    while (q->next()) {
        const RefundDraft *d = drafts.value(out.size());
        if (!d || q->value(0).toLongLong() != out.size() + 1)
            return bug();
        if (q->value(1).isNull()) { // not written; tried again, it is written or refused then
            out.append(ApiError::unavailable(
                QStringLiteral("The database failed while this was being written, and it is not "
                               "found written; try again (with an Idempotency-Key to be safe)")));
            continue;
        }
        out.append(writtenOf(*d, q->value(1), q->value(2).toBool()));
    }
    if (out.size() != drafts.size())
        return bug();
    return out;
}

} // namespace gw::store
