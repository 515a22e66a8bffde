#include "server/writer/paymentwriter.h"

#include "core/logging.h"
#include "core/startedthread.h"
#include "store/connection.h"
#include "store/plansession.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QSet>
#include <QThread>
#include <type_traits>

namespace gw::http {

PaymentWriter::PaymentWriter(const Config &config, int writers)
    : m_config(config), m_gather(std::chrono::milliseconds(config.paymentWriterGatherMs)),
      m_pusher(std::make_unique<queue::JobPusher>(config.redis))
{
    for (int i = 0; i < writers; ++i)
        m_threads.push_back(startThread(QStringLiteral("payment-writer"), [this] { run(); }));
}

PaymentWriter::~PaymentWriter()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
    }
    m_wake.wakeAll();
    for (auto &t : m_threads)
        t->wait();
    const quint64 batches = m_batches.load();
    const quint64 refundBatches = m_refundBatches.load();
    if (batches > 0 || refundBatches > 0)
        qCInfo(lcHttp).noquote()
            << QStringLiteral("payment writer: %1 creates in %2 batches, %3 refunds in %4 batches")
                   .arg(m_items.load())
                   .arg(batches)
                   .arg(m_refunds.load())
                   .arg(refundBatches);
}

void PaymentWriter::submit(store::PaymentDraft draft, AnswerCallback done)
{
    enqueue(std::make_unique<Pending>(Pending{std::move(draft), std::move(done)}));
}

void PaymentWriter::submit(store::RefundDraft draft, AnswerCallback done)
{
    enqueue(std::make_unique<Pending>(Pending{std::move(draft), std::move(done)}));
}

void PaymentWriter::enqueue(std::unique_ptr<Pending> p)
{
    ++m_pending;
    p->done = [this, done = std::move(p->done)](Result<QByteArray> answer) {
        --m_pending;
        done(std::move(answer));
    };
    {
        QMutexLocker lock(&m_mutex);
        if (!m_stop) {
            p->queuedAt = std::chrono::steady_clock::now();
            m_queue.push_back(std::move(p));
            const bool wake = GatherRule::wakeOnArrival(qsizetype(m_queue.size()));
            lock.unlock();
            if (wake)
                m_wake.wakeOne();
            return;
        }
    }
    p->done(ApiError::unavailable(QStringLiteral("The server is shutting down")));
}

queue::JobPusher::State PaymentWriter::pushState() const
{
    return m_pusher->state();
}

std::vector<std::unique_ptr<PaymentWriter::Pending>> PaymentWriter::takeBatch()
{
    std::vector<std::unique_ptr<Pending>> taken;
    QSet<QString> refunded; // payments with a refund in this batch
    auto it = m_queue.begin();
    while (it != m_queue.end() && taken.size() < size_t(kMaxBatch)) {
        if (const auto *r = std::get_if<store::RefundDraft>(&(*it)->draft)) {
            if (refunded.contains(r->paymentId)) {
                ++it; // the next batch's
                continue;
            }
            refunded.insert(r->paymentId);
        }
        taken.push_back(std::move(*it));
        it = m_queue.erase(it);
    }
    return taken;
}

void PaymentWriter::run()
{
    store::Connection db(m_config.database, QStringLiteral("writer"));
    store::PlanSession plans(db, store::PlanSession::Plans::Generic);
    for (;;) {
        std::vector<std::unique_ptr<Pending>> taken;
        {
            QMutexLocker lock(&m_mutex);
            if (!waitForBatch(lock))
                return; // stopping, and nothing is left
            taken = takeBatch();
            ++m_busy;
            // Left behind (refunds held back, more than kMaxBatch): an idle writer that last saw
            // the queue empty starts its gathering clock for them.
            if (!m_queue.empty())
                m_wake.wakeOne();
        }
        std::vector<Pending *> creates, refunds;
        for (const auto &p : taken)
            (std::holds_alternative<store::PaymentDraft>(p->draft) ? creates : refunds)
                .push_back(p.get());
        if (auto s = plans.apply(); !s) {
            for (const auto &p : taken)
                p->done(s.error());
        } else {
            if (!creates.empty())
                write<store::PaymentDraft>(db, creates);
            if (!refunds.empty())
                write<store::RefundDraft>(db, refunds);
        }
        // Done: this writer takes what gathered meanwhile itself, on its next turn.
        QMutexLocker lock(&m_mutex);
        --m_busy;
    }
}

bool PaymentWriter::waitForBatch(QMutexLocker<QMutex> &lock)
{
    for (;;) {
        if (m_queue.empty()) {
            if (m_stop)
                return false;
            m_wake.wait(lock.mutex());
            continue;
        }
        const auto wait = m_gather.waitBeforeTaking(
            {qsizetype(m_queue.size()),
             std::chrono::steady_clock::now() - m_queue.front()->queuedAt, m_busy, m_stop});
        if (wait <= std::chrono::nanoseconds::zero())
            return true;
        m_wake.wait(lock.mutex(), QDeadlineTimer(wait, Qt::PreciseTimer));
    }
}

namespace {
// The one statement that writes a batch of drafts of one kind (store::PaymentBatch or RefundBatch).
auto insert(store::Connection &db, const QList<const store::PaymentDraft *> &drafts)
{
    return store::PaymentBatch(db).insert(drafts);
}
auto insert(store::Connection &db, const QList<const store::RefundDraft *> &drafts)
{
    return store::RefundBatch(db).insert(drafts);
}
// The drafts' rows as written, looked up after the outcome of their statement was lost.
auto written(store::Connection &db, const QList<const store::PaymentDraft *> &drafts)
{
    return store::PaymentBatch(db).written(drafts);
}
auto written(store::Connection &db, const QList<const store::RefundDraft *> &drafts)
{
    return store::RefundBatch(db).written(drafts);
}
} // namespace

template <typename Draft>
void PaymentWriter::write(store::Connection &db, const std::vector<Pending *> &batch)
{
    constexpr bool refunds = std::is_same_v<Draft, store::RefundDraft>;
    QList<const Draft *> drafts;
    drafts.reserve(qsizetype(batch.size()));
    for (const Pending *p : batch)
        drafts.append(&std::get<Draft>(p->draft));
    auto outcomes = insert(db, drafts);
    if (!outcomes && outcomes.error().code == ErrorCode::ServiceUnavailable) {
        recover<Draft>(db, batch, drafts, outcomes.error());
        return;
    }
    if (!outcomes && batch.size() > 1) {
        // One statement failed for all of them: each alone, in its own transaction.
        qCWarning(lcHttp).noquote()
            << QStringLiteral("a batch of %1 %2 failed (%3); "
                              "writing them one by one")
                   .arg(batch.size())
                   .arg(refunds ? QStringLiteral("refunds") : QStringLiteral("payments"))
                   .arg(outcomes.error().description);
        for (Pending *p : batch)
            write<Draft>(db, {p});
        return;
    }
    ++(refunds ? m_refundBatches : m_batches);
    (refunds ? m_refunds : m_items) += batch.size();
    QList<JobRef> jobs;
    std::vector<Result<QByteArray>> answers;
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!outcomes) {
            answers.push_back(outcomes.error());
            continue;
        }
        const auto &one = outcomes->at(qsizetype(i));
        if (!one) {
            answers.push_back(one.error());
            continue;
        }
        jobs.append(one->jobs);
        answers.push_back(one->json);
    }
    // The rows are committed: the jobs go to Redis from the pusher's thread, and whatever never
    // gets there the worker's sweeper pushes later.
    m_pusher->enqueue(jobs);
    for (size_t i = 0; i < batch.size(); ++i)
        batch[i]->done(std::move(answers[i]));
}

template <typename Draft>
void PaymentWriter::recover(store::Connection &db, const std::vector<Pending *> &batch,
                            const QList<const Draft *> &drafts, const ApiError &lost)
{
    // The session died, or its server stopped answering, with the statement sent, or the commit
    // stands on its server alone (its wait for the synchronous standby was cancelled): in
    // autocommit it may have committed (a failover during COMMIT). Each draft's ids were chosen
    // before the statement, so each is looked up on the server the session reaches now (the new
    // primary), where the synchronous standby holds it too: one found is answered 201 with what
    // was written, one refused as the statement would have refused it 400/404, one not found
    // 503, and so is every draft when no lookup succeeds within the statement deadline (the
    // primary is still being replaced), so that the client retries (with its Idempotency-Key,
    // safely). The writer never writes a batch again whose outcome it does not know, and
    // nothing unknown is answered 201.
    QDeadlineTimer deadline(db.answerDeadlineMs());
    auto found = written(db, drafts);
    while (!found && !deadline.hasExpired()) {
        QThread::msleep(250);
        found = written(db, drafts);
    }
    qCWarning(lcHttp).noquote() << QStringLiteral("a batch of %1 lost its outcome (%2); %3")
                                       .arg(batch.size())
                                       .arg(lost.description)
                                       .arg(found ? QStringLiteral("looked up on the database now")
                                                  : QStringLiteral("the lookup failed too: ") +
                                                        found.error().description);
    QList<JobRef> jobs;
    std::vector<Result<QByteArray>> answers;
    for (qsizetype i = 0; i < qsizetype(batch.size()); ++i) {
        if (!found) {
            answers.push_back(lost);
        } else if (const auto &one = found->at(i); !one) {
            answers.push_back(one.error());
        } else {
            jobs.append(one->jobs);
            answers.push_back(one->json);
        }
    }
    m_pusher->enqueue(jobs);
    for (size_t i = 0; i < batch.size(); ++i)
        batch[i]->done(std::move(answers[i]));
}

} // namespace gw::http
