#include "store/processingstore.h"

#include "store/jobstore.h"
#include "store/paymentjson.h"
#include "store/pgarray.h"
#include "store/rows.h"
#include "store/sql.h"
#include "store/statements.h"

#include <QHash>
#include <QJsonDocument>

namespace gw::store {

OkOrError ProcessingStore::addOwedEvents(const QStringList &paymentIds, EventBatch &events)
{
    if (paymentIds.isEmpty())
        return Ok{};
    // The row lock taken here makes a second transaction for the same payment (a duplicate
    // entry, another worker) wait and then find the flag cleared: the events are written once.
    // The payment is still pending, so its JSON is what the API answered when it was created.
    auto q = exec(m_c,
                  QStringLiteral("UPDATE payments SET events_pending = false"
                                 " WHERE id = ANY((SELECT ?::text[])::text[]) AND events_pending"
                                 " RETURNING ") +
                      paymentColumns(),
                  {pgArray(paymentIds)});
    if (!q)
        return q.error();
    while (q->next()) {
        const auto p = paymentFromRow(*q);
        if (!p)
            return p.error();
        const QByteArray data = paymentEventData(*p);
        events.add(p->merchantId, EventType::PaymentCreated, data);
        events.add(p->merchantId, EventType::PaymentPending, data);
    }
    return Ok{};
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

Result<QList<OutcomeInput>> ProcessingStore::lockPendingPayments(const QList<PaymentTask> &tasks)
{
    QStringList paymentIds;
    QHash<QString, double> draws;
    for (const PaymentTask &t : tasks) {
        paymentIds << t.paymentId;
        draws.insert(t.paymentId, t.draw); // a payment listed twice keeps its first draw
    }
    // The orders are locked until the commit (sql/lock_pending_payments.sql).
    static const QString sql = statement(u"lock_pending_payments");
    auto q = exec(m_c, sql, {pgArray(paymentIds)});
    if (!q)
        return q.error();
    QHash<QString, OutcomeInput> found;
    while (q->next()) {
        const QString id = q->value(0).toString();
        const auto method = enumColumn<PaymentMethod>(*q, 4);
        if (!method)
            return method.error();
        found.insert(id, {id, q->value(1).toString(), q->value(2).toBool(), q->value(3).toBool(),
                          *method, q->value(5).toString(), q->value(6).toString(),
                          q->value(7).toString(), draws.value(id)});
    }
    QList<OutcomeInput> out; // in the tasks' order
    for (const PaymentTask &t : tasks)
        if (const auto it = found.constFind(t.paymentId); it != found.constEnd())
            out.append(*it);
    return out;
}

Result<ProcessingResult> ProcessingStore::completePayments(const QList<PaymentTask> &tasks,
                                                           const SuccessOdds &odds)
{
    QStringList jobIds, paymentIds, mayOwe;
    for (const PaymentTask &t : tasks) {
        jobIds << t.jobId;
        paymentIds << t.paymentId;
        if (!t.announced)
            mayOwe << t.paymentId;
    }
    return inTransaction<ProcessingResult>(m_c, [&]() -> Result<ProcessingResult> {
        EventBatch events; // the owed created/pending events first, then the outcomes
        if (auto s = addOwedEvents(mayOwe, events); !s)
            return s.error();
        auto pending = lockPendingPayments(tasks);
        if (!pending)
            return pending.error();
        // The rule is core's (decidePaymentOutcomes): with its order locked, a payment whose
        // order is paid, by another transaction or by an earlier payment of this batch, fails
        // with ORDER_ALREADY_PAID, so no order is paid twice even by payments written before one
        // live payment per order was enforced (migration 063). This statement only writes it.
        QJsonObject outcomes; // by payment id: one outcome each (decidePaymentOutcomes)
        QStringList decided;
        for (const PaymentOutcome &o : decidePaymentOutcomes(*pending, odds)) {
            decided << o.paymentId;
            outcomes.insert(
                o.paymentId,
                QJsonObject{
                    {QStringLiteral("outcome"),
                     stringOf(o.success ? PaymentStatus::Success : PaymentStatus::Failed)},
                    {QStringLiteral("code"), o.success ? QJsonValue() : QJsonValue(o.errorCode)},
                    {QStringLiteral("description"),
                     o.success ? QJsonValue() : QJsonValue(o.errorDescription)}});
        }
        // The outcomes, and every job of the batch marked done (sql/complete_payments.sql).
        static const QString sql = statement(u"complete_payments");
        auto q = exec(m_c, sql,
                      {QString::fromUtf8(QJsonDocument(outcomes).toJson(QJsonDocument::Compact)),
                       pgArray(decided), pgArray(jobIds)});
        if (!q)
            return q.error();
        ProcessingResult result;
        while (q->next()) {
            const auto p = paymentFromRow(*q);
            if (!p)
                return p.error();
            events.add(p->merchantId,
                       p->status == PaymentStatus::Success ? EventType::PaymentSuccess
                                                           : EventType::PaymentFailed,
                       paymentEventData(*p));
            result.payments.append(*p);
        }
        auto jobs = events.write(m_c);
        if (!jobs)
            return jobs.error();
        result.webhookJobs = jobs.value();
        return result;
    });
}

OkOrError ProcessingStore::writeFailedEvents(const QStringList &paymentIds)
{
    EventBatch events;
    if (auto s = addOwedEvents(paymentIds, events); !s)
        return s.error();
    auto q = exec(m_c,
                  QStringLiteral("SELECT ") + paymentColumns() +
                      QStringLiteral(" FROM payments WHERE id = ANY((SELECT ?::text[])::text[])"
                                     " AND status ="
                                     " 'failed' ORDER BY created_at, id"),
                  {pgArray(paymentIds)});
    if (!q)
        return q.error();
    while (q->next()) {
        const auto p = paymentFromRow(*q);
        if (!p)
            return p.error();
        events.add(p->merchantId, EventType::PaymentFailed, paymentEventData(*p));
    }
    if (auto jobs = events.write(m_c); !jobs)
        return jobs.error();
    return Ok{};
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
        // add up (sql/complete_refunds.sql).
        static const QString sql = statement(u"complete_refunds");
        auto q = exec(m_c, sql, {pgArray(refundIds)});
        if (!q)
            return q.error();
        ProcessingResult result;
        EventBatch events;
        while (q->next()) {
            auto refund = refundFromRow(*q);
            if (!refund)
                return refund.error();
            result.refunds.append(std::move(refund).value());
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
