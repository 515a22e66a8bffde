#pragma once
// The database's state for /health, kept by a thread of its own that asks PostgreSQL every
// kIntervalMs on its own connection, so that /health never waits on a database that stopped
// answering (a frozen or cut-off primary): a check still under way after kSlowMs already counts
// as a failure. Owned by main, read by every server thread (thread-safe).
#include "core/urls.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QString>
#include <QWaitCondition>
#include <memory>

class QThread;

namespace gw::store {
class Connection;
}

namespace gw::http {

class DatabaseWatch
{
public:
    static constexpr int kIntervalMs = 250;
    static constexpr int kSlowMs = 500;

    // Checks once before it returns (so the first /health knows), then keeps checking.
    explicit DatabaseWatch(DatabaseParams params);
    ~DatabaseWatch();
    DatabaseWatch(const DatabaseWatch &) = delete;
    DatabaseWatch &operator=(const DatabaseWatch &) = delete;

    struct State
    {
        bool reachable = false;
        QString reason; // why not, when not
    };
    State state() const;
    // Blocks until a check that began after this call finds a primary that takes writes (true),
    // or `deadline` passes (false): for a request that found none, during a failover. The wait
    // takes no connection of its own; the watch's checks are the only probes.
    bool awaitWritable(const QDeadlineTimer &deadline) const;

private:
    static State check(store::Connection &db);
    void run();

    DatabaseParams m_params;
    mutable QMutex m_mutex;
    mutable QWaitCondition m_wake; // a check done (or the watch stopping)
    bool m_stop = false;
    State m_last;
    qint64 m_askingSinceMs = 0; // when the check under way began; 0: none
    quint64 m_checksDone = 0;
    std::unique_ptr<QThread> m_thread;
};

} // namespace gw::http
