#include "worker/storeworker.h"

#include "core/logging.h"
#include "store/connection.h"
#include "store/deliverystore.h"
#include "store/jobstore.h"

#include <QDateTime>
#include <QHash>

namespace gw::worker {

namespace {
constexpr int kBatch = 500;
constexpr int kAnnounceBatch = 2000; // ids only; nothing to write unless the API left events
constexpr int kPickupLimit = 5000;
constexpr qsizetype kAnnouncedKept = 100'000; // beyond: forgotten, each completion looks again
constexpr int kRetryAfterFailureMs = 1000;

using Action = queue::Settlement::Action;

queue::Settlement finish(const queue::QueuedJob &q, QList<QByteArray> metrics = {},
                         QByteArray stat = {})
{
    return queue::Settlement{q.entryId,          q.job,          Action::Finish, 0,
                             std::move(metrics), std::move(stat)};
}
// Jobs whose step failed for a reason other than an outage (a bug, a violated constraint): run
// them again later instead of holding them forever.
QList<queue::Settlement> putOff(const QList<queue::QueuedJob> &jobs)
{
    QList<queue::Settlement> later;
    for (const auto &q : jobs)
        later.append(queue::Settlement{
            q.entryId, q.job, Action::Delay, QDateTime::currentMSecsSinceEpoch() + 30'000, {}, {}});
    return later;
}
} // namespace

StoreWorker::StoreWorker(const Config &config, const WorkerSettings &settings)
    : m_config(config), m_settings(settings), m_schedule(config.webhookRetryIntervalsTest)
{
    if (config.testMode)
        m_odds = config.testPaymentSuccess ? SuccessOdds{1.0, 1.0} : SuccessOdds{0.0, 0.0};
    m_odds.testInstruments = !config.testMode; // TEST_MODE keeps its meaning for every payment
}

StoreWorker::~StoreWorker() = default;

void StoreWorker::start()
{
    m_db = std::make_unique<store::Connection>(m_config.database, QStringLiteral("worker"));
    m_session = std::make_unique<store::PlanSession>(*m_db, store::PlanSession::Plans::Custom);
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &StoreWorker::flush);
    m_sweepTimer = new QTimer(this);
    m_sweepTimer->setInterval(m_settings.sweepIntervalMs);
    connect(m_sweepTimer, &QTimer::timeout, this, &StoreWorker::sweep);
    m_sweepTimer->start();
    m_pickupTimer = new QTimer(this);
    m_pickupTimer->setSingleShot(true);
    connect(m_pickupTimer, &QTimer::timeout, this, &StoreWorker::pickUp);
    m_pickupTimer->start(m_settings.pickupIntervalMs);
}

void StoreWorker::announcePayments(const QStringList &paymentIds)
{
    m_announce.append(paymentIds);
    scheduleFlush();
}

void StoreWorker::completePayments(const QList<PaymentWork> &work)
{
    m_payments.append(work);
    scheduleFlush();
}

void StoreWorker::completeRefunds(const QList<queue::QueuedJob> &work)
{
    m_refunds.append(work);
    scheduleFlush();
}

void StoreWorker::claimDeliveries(const QList<queue::QueuedJob> &work)
{
    m_claims.append(work);
    scheduleFlush();
}

void StoreWorker::recordAttempts(const QList<AttemptWork> &work)
{
    m_attempts.append(work);
    scheduleFlush();
}

void StoreWorker::scheduleFlush(int ms)
{
    // A zero timer runs after the calls already queued to this thread, so they join the batch.
    if (!m_flushTimer->isActive() || m_flushTimer->remainingTime() > ms)
        m_flushTimer->start(ms);
}

void StoreWorker::flush()
{
    // Recording attempts first frees webhook slots soonest; each kind takes one batch per turn.
    if (!m_session->apply()) {
        scheduleFlush(kRetryAfterFailureMs); // database down: everything stays queued
        return;
    }
    // Announcements go before completions, so owed created/pending events precede outcomes.
    const bool ok = flushAttempts() && flushAnnouncements() && flushPayments() && flushRefunds() &&
                    flushClaims();
    if (!ok)
        scheduleFlush(kRetryAfterFailureMs); // database down: everything stays queued
    else if (busy())
        scheduleFlush(0);
}

void StoreWorker::settlePayments(const QList<PaymentWork> &batch,
                                 const store::ProcessingResult &result)
{
    QHash<QString, PaymentStatus> changed; // payment id → new status
    for (const auto &p : result.payments)
        changed.insert(p.id, p.status);
    QList<queue::Settlement> settlements;
    settlements.reserve(batch.size());
    for (const auto &w : batch) {
        m_announced.remove(w.queued.job.subjectId);
        const auto it = changed.find(w.queued.job.subjectId);
        if (it == changed.end()) {
            settlements.append(
                finish(w.queued)); // decided before (a duplicate run): nothing changed
            continue;
        }
        const QByteArray outcome = it.value() == PaymentStatus::Success ? "success" : "failure";
        changed.erase(it); // a payment twice in one batch changes once
        settlements.append(finish(w.queued, {"job.payment." + outcome}, "completed"));
    }
    Q_EMIT settle(settlements);
    if (!result.webhookJobs.isEmpty())
        Q_EMIT push(result.webhookJobs);
}

bool StoreWorker::flushAnnouncements()
{
    if (m_announce.isEmpty())
        return true;
    const QStringList batch = m_announce.mid(0, kAnnounceBatch);
    auto r = store::ProcessingStore(*m_db).announcePayments(batch);
    if (!r && r.error().code == ErrorCode::ServiceUnavailable)
        return false;
    m_announce.remove(0, batch.size());
    if (!r) { // the completion writes whatever is still owed, in its own transaction
        qCWarning(lcWorker) << "writing owed payment events failed:" << r.error().description;
        return true;
    }
    if (m_announced.size() + batch.size() > kAnnouncedKept ||
        m_announcedIn != m_session->sessions())
        m_announced.clear();
    m_announcedIn = m_session->sessions();
    for (const QString &id : batch)
        m_announced.insert(id);
    if (!r->webhookJobs.isEmpty())
        Q_EMIT push(r->webhookJobs);
    return true;
}

bool StoreWorker::flushPayments()
{
    if (m_payments.isEmpty())
        return true;
    const QList<PaymentWork> batch = m_payments.mid(0, kBatch);
    if (m_announcedIn != m_session->sessions())
        m_announced.clear(); // committed in another session: perhaps on a server since replaced
    const auto complete = [this](const QList<PaymentWork> &work) {
        QList<store::PaymentTask> tasks;
        for (const auto &w : work)
            tasks.append({w.queued.job.id, w.queued.job.subjectId, w.draw,
                          m_announced.contains(w.queued.job.subjectId)});
        return store::ProcessingStore(*m_db).completePayments(tasks, m_odds);
    };
    auto r = complete(batch);
    if (!r && r.error().code == ErrorCode::ServiceUnavailable)
        return false;
    m_payments.remove(0, batch.size());
    if (r) {
        settlePayments(batch, r.value());
        return true;
    }
    // One bad row should not hold up the rest: go one by one, and put the culprit off.
    qCWarning(lcWorker) << "payment batch failed:" << r.error().description
                        << "- retrying one by one";
    for (qsizetype i = 0; i < batch.size(); ++i) {
        auto single = complete({batch.at(i)});
        if (single) {
            settlePayments({batch.at(i)}, single.value());
        } else if (single.error().code == ErrorCode::ServiceUnavailable) {
            m_payments = batch.mid(i) + m_payments;
            return false;
        } else {
            qCWarning(lcWorker) << "payment job" << batch.at(i).queued.job.id
                                << "failed:" << single.error().description << "- retrying in 30 s";
            Q_EMIT settle(putOff({batch.at(i).queued}));
        }
    }
    return true;
}

bool StoreWorker::flushRefunds()
{
    if (m_refunds.isEmpty())
        return true;
    const QList<queue::QueuedJob> batch = m_refunds.mid(0, kBatch);
    QList<store::RefundTask> tasks;
    for (const auto &q : batch)
        tasks.append({q.job.id, q.job.subjectId});
    auto r = store::ProcessingStore(*m_db).completeRefunds(tasks);
    if (!r) {
        if (r.error().code == ErrorCode::ServiceUnavailable)
            return false;
        qCWarning(lcWorker) << "refund batch failed:" << r.error().description
                            << "- retrying in 30 s";
        m_refunds.remove(0, batch.size());
        Q_EMIT settle(putOff(batch));
        return true;
    }
    m_refunds.remove(0, batch.size());
    QSet<QString> changed;
    for (const auto &refund : r->refunds)
        changed.insert(refund.id);
    QList<queue::Settlement> settlements;
    for (const auto &q : batch)
        settlements.append(changed.remove(q.job.subjectId)
                               ? finish(q, {"job.refund.success"}, "completed")
                               : finish(q));
    Q_EMIT settle(settlements);
    if (!r->webhookJobs.isEmpty())
        Q_EMIT push(r->webhookJobs);
    return true;
}

bool StoreWorker::flushClaims()
{
    if (m_claims.isEmpty())
        return true;
    const QList<queue::QueuedJob> batch = m_claims.mid(0, kBatch);
    QList<JobRef> jobs;
    QHash<QString, QByteArray> entryOf; // job id → entry id
    for (const auto &q : batch) {
        jobs.append(q.job);
        entryOf.insert(q.job.id, q.entryId);
    }
    auto r = store::DeliveryStore(*m_db).claim(jobs, m_settings.webhookLeaseSeconds);
    if (!r) {
        if (r.error().code == ErrorCode::ServiceUnavailable)
            return false;
        qCWarning(lcWebhook) << "claiming deliveries failed:" << r.error().description
                             << "- retrying in 30 s";
        m_claims.remove(0, batch.size());
        Q_EMIT settle(putOff(batch));
        return true;
    }
    // A finished log has nothing more to do; it is its own record (no jobs row to mark).
    m_claims.remove(0, batch.size());
    QList<queue::Settlement> settlements;
    QSet<QByteArray> settled;
    for (const auto &j : r->finished) {
        settlements.append(queue::Settlement{entryOf.value(j.id), j, Action::Finish, 0, {}, {}});
        settled.insert(entryOf.value(j.id));
    }
    for (const auto &[j, when] : r->notYet) {
        settlements.append(queue::Settlement{
            entryOf.value(j.id), j, Action::Delay, when.toMSecsSinceEpoch(), {}, {}});
        settled.insert(entryOf.value(j.id));
    }
    QList<DeliveryWork> claimed;
    for (const auto &d : r->claimed) {
        const QByteArray entry = entryOf.value(d.job.id);
        if (settled.contains(entry))
            continue;
        settled.insert(entry);
        claimed.append(DeliveryWork{entry, d});
    }
    // Two entries of one batch for the same log: the claim answers once per log; the other
    // entry is a duplicate and is only acknowledged.
    for (const auto &q : batch)
        if (!settled.contains(q.entryId))
            settlements.append(queue::Settlement{q.entryId, q.job, Action::Drop, 0, {}, {}});
    if (!settlements.isEmpty())
        Q_EMIT settle(settlements);
    if (!claimed.isEmpty())
        Q_EMIT this->claimed(claimed);
    return true;
}

bool StoreWorker::flushAttempts()
{
    if (m_attempts.isEmpty())
        return true;
    const QList<AttemptWork> batch = m_attempts.mid(0, kBatch);
    QList<store::AttemptOutcome> outcomes;
    for (const auto &a : batch)
        outcomes.append(a.outcome);
    auto r = store::DeliveryStore(*m_db).record(outcomes);
    if (!r) {
        if (r.error().code == ErrorCode::ServiceUnavailable)
            return false;
        qCWarning(lcWebhook) << "recording attempts failed:" << r.error().description
                             << "- retrying in 30 s";
        m_attempts.remove(0, batch.size());
        QList<queue::QueuedJob> jobs;
        for (const auto &a : batch)
            jobs.append(queue::QueuedJob{a.entryId, a.outcome.job});
        Q_EMIT settle(putOff(jobs));
        return true;
    }
    m_attempts.remove(0, batch.size());
    QHash<QString, store::RecordedAttempt> byJob;
    for (const auto &rec : r.value())
        byJob.insert(rec.job.id, rec);
    QList<queue::Settlement> settlements;
    for (const auto &a : batch) {
        const QByteArray attempt =
            a.outcome.ok ? "webhook.attempt.success" : "webhook.attempt.failure";
        const auto it = byJob.find(a.outcome.job.id);
        if (it == byJob.end()) {
            settlements.append(
                queue::Settlement{a.entryId, a.outcome.job, Action::Drop, 0, {}, {}});
            continue;
        }
        if (it->status == DeliveryStatus::Success)
            settlements.append(finish(queue::QueuedJob{a.entryId, a.outcome.job},
                                      {attempt, "job.webhook.success"}, "completed"));
        else if (it->status == DeliveryStatus::Failed)
            settlements.append(finish(queue::QueuedJob{a.entryId, a.outcome.job},
                                      {attempt, "job.webhook.failure"}, "failed"));
        else
            settlements.append(queue::Settlement{a.entryId,
                                                 a.outcome.job,
                                                 Action::Delay,
                                                 it->nextRetryAt.toMSecsSinceEpoch(),
                                                 {attempt},
                                                 {}});
        byJob.erase(it);
    }
    Q_EMIT settle(settlements);
    return true;
}

void StoreWorker::sweepAll()
{
    m_pickupCursor = {};
    m_pickupTimer->start(0);
    sweep();
}

void StoreWorker::pickUp()
{
    if (!m_session->apply()) {
        m_pickupTimer->start(m_settings.pickupIntervalMs);
        return;
    }
    auto r = store::JobStore(*m_db).dueSince(m_pickupCursor, m_settings.pickupAfterMs,
                                             m_settings.sweepAfterSeconds, kPickupLimit);
    const bool more = r && r->size() >= kPickupLimit;
    m_pickupTimer->start(more ? 0 : m_settings.pickupIntervalMs);
    if (r && !r->isEmpty())
        Q_EMIT push(r.value()); // retained by the queue until Redis takes them
}

void StoreWorker::sweep()
{
    if (!m_session->apply())
        return;
    auto r = store::JobStore(*m_db).overdue(m_settings.sweepAfterSeconds, 5000);
    if (!r || r->isEmpty())
        return;
    // The queue appends only the jobs it holds nowhere (see JobQueue::pushNew).
    Q_EMIT push(r.value());
}

} // namespace gw::worker
