#pragma once
// Writes straight to the cluster's PostgreSQL, for tst_cluster: psql INSERTs one after another per
// writer, each remembered with when it was sent and whether it was acknowledged, so that a fault's
// suite can tell when writes were taken again and that nothing acknowledged was lost.
#include "clusterscript.h"

#include <QElapsedTimer>
#include <QList>
#include <QProcess>
#include <QSet>
#include <QString>
#include <memory>
#include <vector>

namespace gw::test {

// One write: a psql INSERT through libpq's host list, or, for a partitioned host, from inside its
// namespace to its own PostgreSQL. Acknowledged only when psql succeeded within the time-out
// without PostgreSQL's warning that a cancelled wait left the commit on this host alone.
struct Write
{
    qint64 id = 0;
    qint64 sentMs = 0;
    qint64 doneMs = 0;
    bool acknowledged = false;
};

class WriteLoad
{
public:
    static constexpr int kTimeoutMs = 3000; // a write not answered by then is not acknowledged

    // Writes through `cluster`'s hosts as postgres (`password`); with `viaHost`, from inside that
    // host's namespace to its own PostgreSQL. Ids from `firstId` on.
    WriteLoad(const ClusterScript &cluster, QString password, QString viaHost, qint64 firstId)
        : m_cluster(cluster), m_password(std::move(password)), m_via(std::move(viaHost)),
          m_next(firstId)
    {
    }
    ~WriteLoad() { stop(); }

    void start(int writers)
    {
        m_clock.start();
        for (int i = 0; i < writers; ++i) {
            m_slots.push_back(std::make_unique<QProcess>());
            launch(*m_slots.back());
        }
    }
    void stop()
    {
        m_stopping = true;
        for (auto &p : m_slots)
            if (p->state() != QProcess::NotRunning && !p->waitForFinished(kTimeoutMs + 2000))
                p->kill(), p->waitForFinished();
        m_slots.clear();
    }
    qint64 now() const { return m_clock.elapsed(); }
    const QList<Write> &writes() const { return m_writes; }
    // The first acknowledged write sent at or after T ms; -1 if none yet.
    qint64 firstAckAfter(qint64 t) const
    {
        qint64 best = -1;
        for (const Write &w : m_writes)
            if (w.acknowledged && w.sentMs >= t && (best < 0 || w.doneMs < best))
                best = w.doneMs;
        return best;
    }
    int acknowledgedBetween(qint64 from, qint64 to) const
    {
        int n = 0;
        for (const Write &w : m_writes)
            n += w.acknowledged && w.doneMs >= from && w.doneMs < to;
        return n;
    }
    QSet<qint64> acknowledged() const
    {
        QSet<qint64> ids;
        for (const Write &w : m_writes)
            if (w.acknowledged)
                ids.insert(w.id);
        return ids;
    }

private:
    void launch(QProcess &p);

    const ClusterScript &m_cluster;
    QString m_password;
    QString m_via;
    qint64 m_next;
    bool m_stopping = false;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<QProcess>> m_slots;
    QList<Write> m_writes;
};

} // namespace gw::test
