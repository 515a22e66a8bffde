#include "server/paymentwriter.h"

#include "core/logging.h"
#include "store/connection.h"
#include "store/plansession.h"

#include <QDateTime>
#include <QThread>
#include <iterator>

namespace gw::http {

PaymentWriter::PaymentWriter(const Config &config, int writers) : m_config(config)
{
    for (int i = 0; i < writers; ++i) {
        m_pushers.push_back(std::make_unique<queue::JobPusher>(config.redis));
        m_threads.emplace_back(QThread::create([this, i] { run(size_t(i)); }));
        m_threads.back()->setObjectName(QStringLiteral("payment-writer"));
        m_threads.back()->start();
    }
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
    if (batches > 0)
        qCInfo(lcHttp).noquote() << QStringLiteral("payment writer: %1 creates in %2 batches")
                                        .arg(m_items.load())
                                        .arg(batches);
}

void PaymentWriter::submit(store::PaymentDraft draft, Done done)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_stop) {
            m_queue.push_back(
                std::make_unique<Pending>(Pending{std::move(draft), std::move(done)}));
            lock.unlock();
            m_wake.wakeOne();
            return;
        }
    }
    done(ApiError::unavailable(QStringLiteral("The server is shutting down")));
}

queue::JobPusher::State PaymentWriter::pushState() const
{
    queue::JobPusher::State all;
    for (const auto &p : m_pushers) {
        const queue::JobPusher::State s = p->state();
        all.waiting += s.waiting;
        all.dropped += s.dropped;
        if (s.failingSinceMs > 0 &&
            (all.failingSinceMs == 0 || s.failingSinceMs < all.failingSinceMs)) {
            all.failingSinceMs = s.failingSinceMs;
            all.lastError = s.lastError;
        }
    }
    return all;
}

void PaymentWriter::run(size_t writer)
{
    store::Connection db(m_config.database, QStringLiteral("writer"));
    store::PlanSession plans(db, store::PlanSession::Plans::Generic);
    queue::JobPusher &pusher = *m_pushers[writer];
    for (;;) {
        std::vector<std::unique_ptr<Pending>> taken;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stop)
                m_wake.wait(&m_mutex);
            if (m_queue.empty())
                return; // stopping, and nothing is left
            const size_t n = std::min(m_queue.size(), size_t(kMaxBatch));
            std::move(m_queue.begin(), m_queue.begin() + qsizetype(n), std::back_inserter(taken));
            m_queue.erase(m_queue.begin(), m_queue.begin() + qsizetype(n));
        }
        std::vector<Pending *> batch;
        for (const auto &p : taken)
            batch.push_back(p.get());
        if (auto s = plans.apply(); !s) {
            for (Pending *p : batch)
                p->done(s.error());
            continue;
        }
        write(db, pusher, batch);
    }
}

void PaymentWriter::write(store::Connection &db, queue::JobPusher &pusher,
                          const std::vector<Pending *> &batch)
{
    QList<const store::PaymentDraft *> drafts;
    drafts.reserve(qsizetype(batch.size()));
    for (const Pending *p : batch)
        drafts.append(&p->draft);
    auto outcomes = store::PaymentBatch(db).insert(drafts);
    if (!outcomes && batch.size() > 1) {
        // One statement failed for all of them: each alone, in its own transaction.
        qCWarning(lcHttp).noquote() << QStringLiteral("a batch of %1 payments failed (%2); "
                                                      "writing them one by one")
                                           .arg(batch.size())
                                           .arg(outcomes.error().description);
        for (Pending *p : batch)
            write(db, pusher, {p});
        return;
    }
    ++m_batches;
    m_items += batch.size();
    QList<JobRef> jobs;
    std::vector<Result<QByteArray>> answers;
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!outcomes) {
            answers.push_back(outcomes.error());
            continue;
        }
        const Result<store::CreatedPayment> &one = outcomes->at(qsizetype(i));
        if (!one) {
            answers.push_back(one.error());
            continue;
        }
        jobs.append(one->jobs);
        answers.push_back(one->json);
    }
    // The rows are committed: the jobs go to Redis from the pusher's thread, and whatever never
    // gets there the worker's sweeper pushes later.
    pusher.enqueue(jobs);
    for (size_t i = 0; i < batch.size(); ++i)
        batch[i]->done(std::move(answers[i]));
}

} // namespace gw::http
