#include "worker/dispatcher.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace gw::worker {

Dispatcher::Dispatcher(const Config &config, QObject *parent)
    : QObject(parent), m_config(config), m_waiting(this)
{
    connect(&m_waiting, &DueQueue::due, this, &Dispatcher::onDue);
}

qint64 Dispatcher::paymentDelayMs() const
{
    // SPEC.md: 5–10 s at random; TEST_PROCESSING_DELAY in test mode.
    return m_config.testMode ? m_config.testProcessingDelayMs
                             : QRandomGenerator::global()->bounded(5000, 10001);
}

qint64 Dispatcher::refundDelayMs() const
{
    // SPEC.md: 3–5 s; in test mode refunds take TEST_PROCESSING_DELAY like payments.
    return m_config.testMode ? m_config.testProcessingDelayMs
                             : QRandomGenerator::global()->bounded(3000, 5001);
}

void Dispatcher::dispatch(const QList<queue::QueuedJob> &jobs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<queue::QueuedJob> webhooks;
    QStringList payments;
    for (const auto &j : jobs) {
        switch (j.job.kind) {
        case JobKind::Payment:
            m_waiting.add(j, now + paymentDelayMs(), QRandomGenerator::global()->generateDouble());
            payments << j.job.subjectId;
            break;
        case JobKind::Refund:
            m_waiting.add(j, now + refundDelayMs());
            break;
        case JobKind::Webhook:
            webhooks.append(j);
            break;
        }
    }
    if (!payments.isEmpty())
        Q_EMIT paymentsTaken(payments);
    if (!webhooks.isEmpty())
        Q_EMIT webhooksDue(webhooks);
}

void Dispatcher::onDue(const QList<DueQueue::Item> &items)
{
    QList<PaymentWork> payments;
    QList<queue::QueuedJob> refunds;
    for (const auto &i : items) {
        if (i.job.job.kind == JobKind::Payment)
            payments.append(PaymentWork{i.job, i.draw});
        else
            refunds.append(i.job);
    }
    if (!payments.isEmpty())
        Q_EMIT paymentsDue(payments);
    if (!refunds.isEmpty())
        Q_EMIT refundsDue(refunds);
}

QList<queue::Settlement> Dispatcher::releaseWaiting()
{
    QList<queue::Settlement> released;
    for (const auto &j : m_waiting.takeAll())
        released.append(
            queue::Settlement{j.entryId, j.job, queue::Settlement::Action::Release, 0, {}, {}});
    return released;
}

} // namespace gw::worker
