#pragma once
// Jobs waiting for their moment (a payment's 5–10 s, a refund's 3–5 s), on the event loop: a
// min-heap by due time under one QTimer armed for the earliest entry. Ten thousand waiting jobs
// cost ten thousand heap entries, not ten thousand timers, and everything due at one wake-up
// leaves as one batch, which the database then completes in one transaction.
#include "queue/jobstream.h"

#include <QObject>
#include <QTimer>

#include <vector>

namespace gw::worker {

class DueQueue : public QObject
{
    Q_OBJECT
public:
    explicit DueQueue(QObject *parent = nullptr);
    void add(const queue::QueuedJob &job, qint64 dueMs, double draw = 0);
    qsizetype size() const { return qsizetype(m_heap.size()); }
    // Empties the queue, returning what waited (for release on shutdown).
    QList<queue::QueuedJob> takeAll();

    struct Item
    {
        qint64 dueMs;
        quint64 seq;
        queue::QueuedJob job;
        double draw;
        bool operator>(const Item &o) const
        {
            return dueMs != o.dueMs ? dueMs > o.dueMs : seq > o.seq;
        }
    };

Q_SIGNALS:
    void due(const QList<gw::worker::DueQueue::Item> &items);

private:
    void fire();
    void arm();

    std::vector<Item> m_heap;
    quint64 m_seq = 0;
    QTimer m_timer;
};

} // namespace gw::worker
