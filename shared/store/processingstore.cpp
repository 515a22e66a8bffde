#include "store/processingstore.h"

#include "core/testinstruments.h"
#include "store/jobstore.h"
#include "store/pgarray.h"
#include "store/rows.h"
#include "store/sql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gw::store {

namespace {
const QString kDeclinedCode = QStringLiteral("PAYMENT_FAILED");
const QString kDeclinedText = QStringLiteral("Payment was declined by the bank");
const QString kPaidCode = QStringLiteral("ORDER_ALREADY_PAID");
const QString kPaidText = QStringLiteral("The order was already paid by another payment");

QJsonObject paymentData(const Payment &p)
{
    return {{QStringLiteral("payment"), p.toJson()}};
}
} // namespace

Status ProcessingStore::addOwedEvents(const QStringList &paymentIds, EventBatch &events)
{
    // The row lock taken here makes a second transaction for the same payment (a duplicate
    // entry, another worker) wait and then find the flag cleared: the events are written once.
    // The payment is still pending, so its JSON is what the API answered when it was created.
    auto q = exec(m_c,
                  QStringLiteral("UPDATE payments SET events_pending = false"
                                 " WHERE id = ANY(?::text[]) AND events_pending RETURNING ") +
                      paymentColumns(),
                  {pgArray(paymentIds)});
    if (!q)
        return q.error();
    while (q->next()) {
        const Payment p = paymentFromRow(*q);
        const QJsonObject data = paymentData(p);
        events.add(p.merchantId, EventType::PaymentCreated, data);
        events.add(p.merchantId, EventType::PaymentPending, data);
    }
    return Done{};
}

Result<ProcessingResult> ProcessingStore::announcePayments(const QStringList &paymentIds)
{
    return inTransaction<ProcessingResult>(m_c, [&]() -> Result<ProcessingResult> {
        EventBatch events;
        if (auto s = addOwedEvents(paymentIds, events); !s)
            return s.error();
        auto jobs = events.write(m_c);
        if (!jobs)
            return jobs.error();
        return ProcessingResult{{}, {}, jobs.value()};
    });
}

Result<ProcessingResult> ProcessingStore::completePayments(const QList<PaymentTask> &tasks,
                                                           SuccessOdds odds)
{
    QJsonArray rows;
    QStringList jobIds, paymentIds;
    for (const PaymentTask &t : tasks) {
        rows.append(
            QJsonObject{{QStringLiteral("pid"), t.paymentId}, {QStringLiteral("draw"), t.draw}});
        jobIds << t.jobId;
        paymentIds << t.paymentId;
    }
    return inTransaction<ProcessingResult>(m_c, [&]() -> Result<ProcessingResult> {
        EventBatch events; // the owed created/pending events first, then the outcomes
        if (auto s = addOwedEvents(paymentIds, events); !s)
            return s.error();
        // The outcome and the orders it pays, in one statement. The orders are locked first, by
        // key and in id order (FOR NO KEY UPDATE, as paying them takes anyway): a payment whose
        // order is paid when its outcome is decided, by another transaction or by an earlier
        // payment of this batch, fails with ORDER_ALREADY_PAID, so no order is paid twice even by
        // payments written before one live payment per order was enforced (migration 063).
        auto q = exec(
            m_c,
            QStringLiteral(
                "WITH x AS (SELECT x.pid, q.order_id AS ord, coalesce(t.ok, x.draw < CASE q.method"
                "            WHEN 'upi' THEN ?::float8 ELSE ?::float8 END) AS ok, t.code,"
                "            t.description"
                "           FROM json_to_recordset(?::json) AS x(pid text, draw float8)"
                "           JOIN payments q ON q.id = x.pid AND q.status = 'pending'"
                "           LEFT JOIN merchants m ON m.id = q.merchant_id AND NOT m.livemode AND ?"
                "           LEFT JOIN json_to_recordset(?::json) AS t(method text, vpa text,"
                "            network text, last4 text, ok boolean, code text, description text)"
                "            ON m.id IS NOT NULL AND t.method = q.method AND (lower(q.vpa) = t.vpa"
                "             OR (q.card_network = t.network AND q.card_last4 = t.last4))),"
                " o AS (SELECT o.id, o.status FROM (SELECT DISTINCT ord FROM x ORDER BY ord) k"
                "  CROSS JOIN LATERAL (SELECT id, status FROM orders WHERE id = k.ord"
                "  FOR NO KEY UPDATE) o),"
                " y AS (SELECT x.*, o.status = 'paid' OR (bool_or(x.ok) OVER w AND"
                "  row_number() OVER (w ORDER BY x.ok DESC, x.pid) > 1) AS paid"
                "  FROM x JOIN o ON o.id = x.ord WINDOW w AS (PARTITION BY x.ord)),"
                " p AS (UPDATE payments SET status = CASE WHEN y.ok AND NOT y.paid"
                "  THEN 'success' ELSE 'failed' END,"
                "  error_code = CASE WHEN y.paid THEN ? WHEN y.ok THEN NULL"
                "   ELSE coalesce(y.code, ?) END,"
                "  error_description = CASE WHEN y.paid THEN ? WHEN y.ok THEN NULL"
                "   ELSE coalesce(y.description, ?) END,"
                "  updated_at = now()"
                " FROM y WHERE payments.id = y.pid AND payments.status = 'pending'"
                " RETURNING ") +
                paymentColumns() +
                QStringLiteral("),"
                               " u AS (UPDATE orders SET status = 'paid', updated_at = now() FROM p"
                               "  WHERE orders.id = p.order_id AND p.status = 'success'"
                               "  AND orders.status <> 'paid')"
                               " SELECT * FROM p"),
            {odds.upi, odds.card,
             QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact)),
             odds.testInstruments,
             QString::fromUtf8(QJsonDocument(testInstrumentsJson()).toJson(QJsonDocument::Compact)),
             kPaidCode, kDeclinedCode, kPaidText, kDeclinedText});
        if (!q)
            return q.error();
        ProcessingResult result;
        while (q->next()) {
            const Payment p = paymentFromRow(*q);
            events.add(p.merchantId,
                       p.status == QStringLiteral("success") ? EventType::PaymentSuccess
                                                             : EventType::PaymentFailed,
                       paymentData(p));
            result.payments.append(p);
        }
        auto jobs = events.write(m_c);
        if (!jobs)
            return jobs.error();
        result.webhookJobs = jobs.value();
        if (auto s = JobStore(m_c).markDone(jobIds); !s)
            return s.error();
        return result;
    });
}

Status ProcessingStore::writeFailedEvents(const QStringList &paymentIds)
{
    EventBatch events;
    if (auto s = addOwedEvents(paymentIds, events); !s)
        return s.error();
    auto q = exec(m_c,
                  QStringLiteral("SELECT ") + paymentColumns() +
                      QStringLiteral(" FROM payments WHERE id = ANY(?::text[]) AND status ="
                                     " 'failed' ORDER BY created_at, id"),
                  {pgArray(paymentIds)});
    if (!q)
        return q.error();
    while (q->next()) {
        const Payment p = paymentFromRow(*q);
        events.add(p.merchantId, EventType::PaymentFailed, paymentData(p));
    }
    if (auto jobs = events.write(m_c); !jobs)
        return jobs.error();
    return Done{};
}

Result<ProcessingResult> ProcessingStore::completeRefunds(const QList<RefundTask> &tasks)
{
    QStringList jobIds, refundIds;
    for (const RefundTask &t : tasks) {
        jobIds << t.jobId;
        refundIds << t.refundId;
    }
    return inTransaction<ProcessingResult>(m_c, [&]() -> Result<ProcessingResult> {
        // Refunds processed before are left as they are; two refunds of one payment in a batch
        // add up.
        auto q = exec(
            m_c,
            QStringLiteral(
                "WITH r AS (UPDATE refunds SET status = 'processed', processed_at = now()"
                "  WHERE id = ANY(?::text[]) AND status = 'pending' RETURNING ") +
                refundColumns() +
                QStringLiteral(
                    "),"
                    " p AS (UPDATE payments SET amount_refunded = amount_refunded + s.total,"
                    "  updated_at = now()"
                    "  FROM (SELECT payment_id, sum(amount) AS total FROM r GROUP BY payment_id) s"
                    "  WHERE payments.id = s.payment_id)"
                    " SELECT * FROM r"),
            {pgArray(refundIds)});
        if (!q)
            return q.error();
        ProcessingResult result;
        EventBatch events;
        while (q->next()) {
            result.refunds.append(refundFromRow(*q));
            events.add(result.refunds.last().merchantId, EventType::RefundProcessed,
                       QJsonObject{{QStringLiteral("refund"), result.refunds.last().toJson()}});
        }
        auto jobs = events.write(m_c);
        if (!jobs)
            return jobs.error();
        result.webhookJobs = jobs.value();
        if (auto s = JobStore(m_c).markDone(jobIds); !s)
            return s.error();
        return result;
    });
}

} // namespace gw::store
