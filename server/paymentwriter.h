#pragma once
// Application group commit for POST /payments without an Idempotency-Key. Server threads hand
// their validated creates over and go on serving; each is answered through a callback once the
// batch holding it has committed, so one server thread keeps any number in flight. A few
// writer threads, each with its own PostgreSQL connection and job pusher, take everything queued
// (up to kMaxBatch) and write it as ONE statement in autocommit (store::PaymentBatch): one round
// trip and one commit per batch instead of five round trips per create. A batch that fails as a
// whole is retried item by item, each in a transaction of its own, so one bad item never fails
// the others. Owned by main, shared by every server thread (thread-safe).
#include "core/config.h"
#include "queue/jobpusher.h"
#include "store/paymentbatch.h"

#include <QMutex>
#include <QWaitCondition>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
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

    // The payment's JSON (store::CreatedPayment::json) or why it failed, once the create has
    // committed (its jobs are then with the pusher). Called once, on a writer's thread (or at
    // once on the caller's when shutting down); it should only hand the answer on.
    using Done = std::function<void(Result<QByteArray>)>;
    void submit(store::PaymentDraft draft, Done done);

    // The writers' pushers for /health: failing since the earliest, jobs waiting summed.
    queue::JobPusher::State pushState() const;

private:
    struct Pending
    {
        store::PaymentDraft draft;
        Done done;
    };

    void run(size_t writer);
    void write(store::Connection &db, queue::JobPusher &pusher,
               const std::vector<Pending *> &batch);

    const Config &m_config;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<std::unique_ptr<Pending>> m_queue;
    bool m_stop = false;
    std::atomic<quint64> m_batches{0};
    std::atomic<quint64> m_items{0};
    std::vector<std::unique_ptr<queue::JobPusher>> m_pushers;
    std::vector<std::unique_ptr<QThread>> m_threads;
};

} // namespace gw::http
