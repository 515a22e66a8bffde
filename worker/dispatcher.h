#pragma once
// Routes each job the queue hands the worker: payments and refunds wait their processing time
// in the DueQueue and then go to the database thread in batches (payments are announced to it on
// arrival too, for the events the API may have left to the worker); webhook jobs go to the database
// thread at once to be claimed. Runs on the main thread.
#include "core/config.h"
#include "worker/duequeue.h"
#include "worker/workitems.h"

#include <QObject>

namespace gw::worker {

class Dispatcher : public QObject
{
    Q_OBJECT
public:
    Dispatcher(const Config &config, QObject *parent = nullptr);
    void dispatch(const QList<queue::QueuedJob> &jobs);
    qsizetype waiting() const { return m_waiting.size(); }
    // Shutdown: the jobs still waiting, given back to the queue for another worker.
    QList<queue::Settlement> releaseWaiting();

Q_SIGNALS:
    void paymentsTaken(const QStringList &paymentIds);
    void paymentsDue(const QList<gw::worker::PaymentWork> &work);
    void refundsDue(const QList<gw::queue::QueuedJob> &work);
    void webhooksDue(const QList<gw::queue::QueuedJob> &work);

private:
    void onDue(const QList<DueQueue::Item> &items);
    qint64 paymentDelayMs() const;
    qint64 refundDelayMs() const;

    Config m_config;
    DueQueue m_waiting;
};

} // namespace gw::worker
