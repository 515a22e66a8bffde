#include "worker/duequeue.h"

#include <QDateTime>

#include <algorithm>
#include <functional>

namespace gw::worker {

namespace {
constexpr qint64 kSlackMs = 5; // wake once for everything due within this slack
}

DueQueue::DueQueue(QObject *parent) : QObject(parent), m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DueQueue::fire);
}

void DueQueue::add(const queue::QueuedJob &job, qint64 dueMs, double draw)
{
    const bool earliest = m_heap.empty() || dueMs < m_heap.front().dueMs;
    m_heap.push_back(Item{dueMs, m_seq++, job, draw});
    std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
    if (earliest)
        arm();
}

QList<queue::QueuedJob> DueQueue::takeAll()
{
    QList<queue::QueuedJob> all;
    for (const Item &i : m_heap)
        all.append(i.job);
    m_heap.clear();
    m_timer.stop();
    return all;
}

void DueQueue::arm()
{
    if (m_heap.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = m_heap.front().dueMs - QDateTime::currentMSecsSinceEpoch();
    m_timer.start(int(std::clamp<qint64>(wait, 0, 24 * 3600 * 1000)));
}

void DueQueue::fire()
{
    const qint64 limit = QDateTime::currentMSecsSinceEpoch() + kSlackMs;
    QList<Item> ready;
    while (!m_heap.empty() && m_heap.front().dueMs <= limit) {
        std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        ready.append(std::move(m_heap.back()));
        m_heap.pop_back();
    }
    arm();
    if (!ready.isEmpty())
        Q_EMIT due(ready);
}

} // namespace gw::worker
