#include "store/processingstore.h"

#include "core/testinstruments.h"
#include "store/jobstore.h"
#include "store/outbox.h"
#include "store/pgarray.h"
#include "store/rows.h"
#include "store/sql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gw::store {

namespace {
const QString kDeclinedCode = QStringLiteral("PAYMENT_FAILED");
const QString kDeclinedText = QStringLiteral("Payment was declined by the bank");
} // namespace

Result<ProcessingResult> ProcessingStore::completePayments(const QList<PaymentTask> &tasks,
                                                           SuccessOdds odds)
{
    QJsonArray rows;
    QStringList jobIds;
    for (const PaymentTask &t : tasks) {
        rows.append(
            QJsonObject{{QStringLiteral("pid"), t.paymentId}, {QStringLiteral("draw"), t.draw}});
        jobIds << t.jobId;
    }
    return inTransaction<ProcessingResult>(m_c, [&]() -> Result<ProcessingResult> {
        auto q = exec(
            m_c,
            QStringLiteral(
                "WITH x AS (SELECT x.pid, coalesce(t.ok, x.draw < CASE q.method WHEN 'upi' THEN "
                "?::float8 ELSE ?::float8 END) AS ok, t.code, t.description"
                "           FROM json_to_recordset(?::json) AS x(pid text, draw float8)"
                "           JOIN payments q ON q.id = x.pid"
                "           LEFT JOIN merchants m ON m.id = q.merchant_id AND NOT m.livemode AND ?"
                "           LEFT JOIN json_to_recordset(?::json) AS t(method text, vpa text,"
                "            network text, last4 text, ok boolean, code text, description text)"
                "            ON m.id IS NOT NULL AND t.method = q.method AND (lower(q.vpa) = t.vpa"
                "             OR (q.card_network = t.network AND q.card_last4 = t.last4)))"
                " UPDATE payments SET status = CASE WHEN x.ok THEN 'success' ELSE 'failed' END,"
                "  error_code = CASE WHEN x.ok THEN NULL ELSE coalesce(x.code, ?) END,"
                "  error_description = CASE WHEN x.ok THEN NULL ELSE coalesce(x.description, ?) "
                "END,"
                "  updated_at = now()"
                " FROM x WHERE payments.id = x.pid AND payments.status = 'pending'"
                " RETURNING ") +
                paymentColumns(),
            {odds.upi, odds.card,
             QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)),
             odds.testInstruments,
             QString::fromUtf8(QJsonDocument(testInstrumentsJson()).toJson(QJsonDocument::Compact)),
             kDeclinedCode, kDeclinedText});
        if (!q)
            return q.error();
        ProcessingResult result;
        QStringList paidOrders;
        while (q->next()) {
            result.payments.append(paymentFromRow(*q));
            if (result.payments.last().status == QStringLiteral("success"))
                paidOrders << result.payments.last().orderId;
        }
        if (!paidOrders.isEmpty()) {
            auto o = exec(m_c,
                          QStringLiteral("UPDATE orders SET status = 'paid', updated_at = now()"
                                         " WHERE id = ANY(?::text[]) AND status <> 'paid'"),
                          {pgArray(paidOrders)});
            if (!o)
                return o.error();
        }
        Outbox outbox(m_c);
        for (const Payment &p : std::as_const(result.payments)) {
            const EventType type = p.status == QStringLiteral("success") ? EventType::PaymentSuccess
                                                                         : EventType::PaymentFailed;
            auto job = outbox.addEvent(p.merchantId, type,
                                       QJsonObject{{QStringLiteral("payment"), p.toJson()}});
            if (!job)
                return job.error();
            if (job->has_value())
                result.webhookJobs.append(job->value());
        }
        if (auto s = JobStore(m_c).markDone(jobIds); !s)
            return s.error();
        return result;
    });
}

Result<ProcessingResult> ProcessingStore::completeRefunds(const QList<RefundTask> &tasks)
{
    return inTransaction<ProcessingResult>(m_c, [&]() -> Result<ProcessingResult> {
        ProcessingResult result;
        QStringList jobIds;
        Outbox outbox(m_c);
        for (const RefundTask &t : tasks) {
            jobIds << t.jobId;
            auto q =
                exec(m_c,
                     QStringLiteral("UPDATE refunds SET status = 'processed', processed_at = now()"
                                    " WHERE id = ? AND status = 'pending' RETURNING ") +
                         refundColumns(),
                     {t.refundId});
            if (!q)
                return q.error();
            if (!q->next())
                continue; // processed before: nothing to change
            const Refund r = refundFromRow(*q);
            auto p = exec(
                m_c,
                QStringLiteral(
                    "UPDATE payments SET amount_refunded = amount_refunded + ?, updated_at = now()"
                    " WHERE id = ?"),
                {r.amount, r.paymentId});
            if (!p)
                return p.error();
            auto job = outbox.addEvent(r.merchantId, EventType::RefundProcessed,
                                       QJsonObject{{QStringLiteral("refund"), r.toJson()}});
            if (!job)
                return job.error();
            if (job->has_value())
                result.webhookJobs.append(job->value());
            result.refunds.append(r);
        }
        if (auto s = JobStore(m_c).markDone(jobIds); !s)
            return s.error();
        return result;
    });
}

} // namespace gw::store
