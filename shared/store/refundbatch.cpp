#include "store/refundbatch.h"

#include "core/canonicaljson.h"
#include "core/enums.h"
#include "core/ids.h"
#include "core/refund.h"
#include "store/pgarray.h"
#include "store/rows.h"
#include "store/sql.h"
#include "store/statements.h"

#include <QDateTime>
#include <QUuid>

#include <array>

namespace gw::store {

namespace {

ApiError bug()
{
    return ApiError::server(QStringLiteral("An internal error occurred"));
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
    static const QString sql = statement(u"refund_refusals");
    auto q = exec(c, sql, {pgArray(payments), pgArray(merchants)});
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

// A written refund's answer: its JSON as the statement returned it, and its jobs (the event's
// delivery when `hook`: it is sent only for a merchant with a webhook URL).
WrittenRefund writtenOf(const RefundDraft &d, const QVariant &json, bool hook)
{
    WrittenRefund written{json.toString().toUtf8(), {{d.jobId, JobKind::Refund, d.refundId}}};
    if (hook)
        written.jobs.append(deliveryJob(d.logId));
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
    QVariantList values = columnArrays<12>(drafts, [](const RefundDraft &d) {
        return std::array<QString, 12>{d.refundId,
                                       d.paymentId,
                                       d.merchantId,
                                       QString::number(d.request.amount),
                                       d.request.reason,
                                       d.jobId,
                                       d.logId,
                                       d.eventId,
                                       QString::fromUtf8(d.json.first),
                                       QString::fromUtf8(d.json.second),
                                       QString::fromUtf8(d.event.first),
                                       QString::fromUtf8(d.event.second)};
    });
    values << stringOf(JobKind::Refund) << stringOf(EventType::RefundCreated);
    static const QString sql = statement(u"refund_batch");
    auto q = exec(m_c, sql, values);
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
                                      QString::fromUtf8(d.json.second), d.logId};
    });
    static const QString sql = statement(u"refund_written");
    auto q = exec(m_c, sql, values);
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
