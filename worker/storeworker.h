#pragma once
// The worker's database side, on its own thread with its own connection (QtSql connections are
// per thread): completes due payments and refunds, claims webhook logs and records attempts, and
// sweeps the queued jobs and the due delivery logs for committed work Redis lost or never got.
// Work that arrives while a transaction runs queues up and goes into the next one, so the batch
// size follows the load.
// Two sweeps find committed jobs Redis lost or never got: the pickup sweep hands each job that
// has been due for WORKER_PICKUP_AFTER_MS to the queue once (in seconds, whatever the backlog),
// the overdue sweep hands every job overdue by WORKER_SWEEP_AFTER_S again and again (a Redis
// restart that lost its entries). The queue appends only the jobs Redis does not hold.
// Every finished item becomes a Settlement for the QueueClient; new jobs (webhook events) are
// pushed after their transaction committed.
#include "core/config.h"
#include "core/retryschedule.h"
#include "store/jobstore.h"
#include "store/plansession.h"
#include "store/processingstore.h"
#include "worker/workersettings.h"
#include "worker/workitems.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>

namespace gw::store {
class Connection;
}

namespace gw::worker {

class StoreWorker : public QObject
{
    Q_OBJECT
public:
    StoreWorker(const Config &config, const WorkerSettings &settings);
    ~StoreWorker() override;

    // Call on the worker's thread.
    void start();
    // Payments just taken from the queue: their created/pending events, when still owed.
    void announcePayments(const QStringList &paymentIds);
    void completePayments(const QList<gw::worker::PaymentWork> &work);
    void completeRefunds(const QList<gw::queue::QueuedJob> &work);
    void claimDeliveries(const QList<gw::queue::QueuedJob> &work);
    void recordAttempts(const QList<gw::worker::AttemptWork> &work);
    // Redis lost its stream: every queued job is handed to it again, the recent ones by the
    // pickup sweep from the start of its window, the older ones by the overdue sweep.
    void sweepAll();
    bool busy() const
    {
        return !m_announce.isEmpty() || !m_payments.isEmpty() || !m_refunds.isEmpty() ||
               !m_claims.isEmpty() || !m_attempts.isEmpty();
    }

Q_SIGNALS:
    void settle(const QList<gw::queue::Settlement> &settlements);
    void push(const QList<gw::JobRef> &jobs);
    void claimed(const QList<gw::worker::DeliveryWork> &work);

private:
    void scheduleFlush(int ms = 0);
    void flush();
    bool flushAnnouncements();
    bool flushPayments();
    void settlePayments(const QList<PaymentWork> &batch, const store::ProcessingResult &result);
    bool flushRefunds();
    bool flushClaims();
    bool flushAttempts();
    void sweep();
    void pickUp();

    Config m_config;
    WorkerSettings m_settings;
    RetrySchedule m_schedule;
    SuccessOdds m_odds;
    std::unique_ptr<store::Connection> m_db;
    std::unique_ptr<store::PlanSession> m_session;
    QTimer *m_flushTimer = nullptr;
    QTimer *m_sweepTimer = nullptr;
    QTimer *m_pickupTimer = nullptr;
    store::SweepCursor m_pickupCursor;
    QStringList m_announce;
    // Payments whose announcement committed and whose completion has not: nothing is owed for
    // them any more (the flag is only ever cleared), so their completion skips the look. Kept
    // for one database session (m_announcedIn, PlanSession::sessions()): after a reconnect,
    // perhaps to a promoted standby that never got the announcement, the completion looks again.
    QSet<QString> m_announced;
    int m_announcedIn = 0;
    QList<PaymentWork> m_payments;
    QList<queue::QueuedJob> m_refunds;
    QList<queue::QueuedJob> m_claims;
    QList<AttemptWork> m_attempts;
};

} // namespace gw::worker
