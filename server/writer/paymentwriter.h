#pragma once
// Application group commit for POST /payments and POST /payments/{id}/refunds without an
// Idempotency-Key. Server threads hand their validated creates and refunds over and go on
// serving; each is answered through a callback once the batch holding it has committed, so one
// server thread keeps any number in flight. A few writer threads, each with its own PostgreSQL
// connection (and one job pusher for all), take everything queued (up to kMaxBatch) and write the
// creates as ONE statement in autocommit (store::PaymentBatch) and the refunds as another
// (store::RefundBatch): one round trip and one commit for each kind in a batch instead of one
// transaction per request. A batch holds at most one refund of a payment; the others wait for a
// later batch, in order. A batch that fails as a whole is retried item by item, each in a
// transaction of its own, so one bad item never fails the others; one whose outcome was lost
// with its session (a failover) is looked up by its ids instead, never written again. Owned by
// main, shared by every server thread (thread-safe).
#include "core/config.h"
#include "queue/jobpusher.h"
#include "server/writer/gatherrule.h"
#include "store/paymentbatch.h"
#include "store/refundbatch.h"

#include <QMutex>
#include <QWaitCondition>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <variant>
#include <vector>

class QThread;

namespace gw::store {
class Connection;
}

namespace gw::http {

class PaymentWriter
{
public:
    static constexpr qsizetype kMaxBatch = 128;

    PaymentWriter(const Config &config, int writers);
    ~PaymentWriter(); // writes what is queued, then stops the threads
    PaymentWriter(const PaymentWriter &) = delete;
    PaymentWriter &operator=(const PaymentWriter &) = delete;

    // The payment's or refund's JSON (the 201 body) or why it failed, once it has committed
    // (its jobs are then with the pusher). Called once, on a writer's thread (or at once on the
    // caller's when shutting down); it should only hand the answer on.
    using AnswerCallback = std::function<void(Result<QByteArray>)>;
    void submit(store::PaymentDraft draft, AnswerCallback done);
    void submit(store::RefundDraft draft, AnswerCallback done);

    // The writers' pusher for /health.
    queue::JobPusher::State pushState() const;
    // Creates and refunds handed over and not yet answered (queued, or in a batch being written):
    // /metrics' gateway_writer_pending.
    qint64 pending() const { return m_pending.load(); }

private:
    struct Pending
    {
        std::variant<store::PaymentDraft, store::RefundDraft> draft;
        AnswerCallback done;
        std::chrono::steady_clock::time_point queuedAt{};
    };

    void enqueue(std::unique_ptr<Pending> p);
    // Up to kMaxBatch from the front of the queue, but no second refund of a payment: those stay
    // queued, in order. Under the mutex.
    std::vector<std::unique_ptr<Pending>> takeBatch();
    // Waits until GatherRule says this idle writer takes the queue: true, or false when the
    // process is stopping and nothing is left. Under the mutex (`lock`).
    bool waitForBatch(QMutexLocker<QMutex> &lock);
    void run();
    // Writes `batch` (drafts of one kind, PaymentDraft or RefundDraft) with that kind's store.
    template <typename Draft>
    void write(store::Connection &db, const std::vector<Pending *> &batch);
    // Answers a batch whose statement's outcome was lost (`lost`, a 503) from what the database
    // holds now: 201 for each draft found written, 503 for the others.
    template <typename Draft>
    void recover(store::Connection &db, const std::vector<Pending *> &batch,
                 const QList<const Draft *> &drafts, const ApiError &lost);

    const Config &m_config;
    const GatherRule m_gather;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<std::unique_ptr<Pending>> m_queue;
    bool m_stop = false;
    int m_busy = 0; // writers between taking a batch and answering it, under the mutex
    std::atomic<quint64> m_batches{0}; // of creates
    std::atomic<quint64> m_items{0};
    std::atomic<quint64> m_refundBatches{0};
    std::atomic<quint64> m_refunds{0};
    std::atomic<qint64> m_pending{0};
    // One for all writers: a batch one writer commits while the pusher is busy with another's
    // goes out with the next, so the pusher wakes and calls Redis once for several batches.
    const std::unique_ptr<queue::JobPusher> m_pusher;
    std::vector<std::unique_ptr<QThread>> m_threads;
};

} // namespace gw::http
