#pragma once
// The worker's only door to the job queue. It lives on its own thread with its own synchronous
// Redis connection, so that a blocking XREADGROUP or a Redis outage never stalls the event loop
// that runs payment timers and webhook requests. (hiredis' async Qt adapter would avoid the
// thread, but it has no timeouts and no reconnect; a thread with the sync client has both.)
//
// One pump() turn: settle what handlers finished, push new jobs, move due delayed jobs, keep held
// entries fresh, reclaim entries of dead workers, then read as many new entries as there is room
// for (WORKER_MAX_IN_FLIGHT minus the entries held). Reads block at most 50 ms, so settlements
// posted meanwhile wait at most that long.
#include "core/config.h"
#include "queue/jobqueue.h"
#include "queue/jobstream.h"
#include "worker/workersettings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>

namespace gw::worker {

class QueueClient : public QObject
{
    Q_OBJECT
public:
    QueueClient(const Config &config, const WorkerSettings &settings, QByteArray consumerName);
    ~QueueClient() override;

    // Call on the client's thread (through a queued call).
    void start();
    void stopConsuming();
    void settle(const QList<queue::Settlement> &settlements);
    void push(const QList<JobRef> &jobs);

Q_SIGNALS:
    void jobsArrived(const QList<queue::QueuedJob> &jobs);
    // Emitted when the number of held entries or whether the client has nothing left to settle
    // changes, and after every turn once it stops consuming (for shutdown).
    void heldChanged(int held, bool idle);
    // Redis lost the stream (restarted without its data), or the master changed (a failover;
    // replication is asynchronous): committed jobs need pushing again.
    void streamLost();

private:
    void pump();
    void schedule(int ms);
    bool turn(); // false when Redis is unreachable
    void deliver(const QList<queue::QueuedJob> &jobs);
    int room() const { return m_settings.maxInFlight - int(m_held.size()); }

    WorkerSettings m_settings;
    std::unique_ptr<queue::RedisClient> m_redis;
    std::unique_ptr<queue::JobStream> m_stream;
    QTimer *m_timer = nullptr;
    QSet<QByteArray> m_held;
    QList<queue::Settlement> m_toSettle;
    QList<JobRef> m_toPush;
    bool m_consuming = true;
    bool m_groupReady = false;
    bool m_up = true;
    int m_shownHeld = -1; // what heldChanged last said
    bool m_shownIdle = false;
    quint64 m_groupsRemade = 0;
    quint64 m_masterChanges = 0;
    QElapsedTimer m_clock;
    qint64 m_nextPromote = 0, m_nextTouch = 0, m_nextReclaim = 0;
};

} // namespace gw::worker
