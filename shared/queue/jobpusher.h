#pragma once
// Pushes committed jobs to Redis off the request path. One API thread hands its jobs over
// (enqueue never touches the network); the pusher's own thread drains the bounded buffer in
// batches, one pipelined EVAL per batch (JobQueue::pushNew). While Redis is away or frozen the
// jobs wait here and go out as soon as it answers again; beyond the bound they are dropped, which
// loses nothing: their rows are committed and the worker's sweeper pushes them.
#include "core/job.h"
#include "core/urls.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>
#include <memory>

class QThread;

namespace gw::queue {

class JobPusher
{
public:
    struct State
    {
        qsizetype waiting = 0; // jobs not in Redis yet (buffered or being pushed)
        qint64 failingSinceMs =
            0;              // epoch ms of the first failed push in a row, 0 while pushes succeed
        QString lastError;  // of the last failed push
        qint64 dropped = 0; // jobs left to the sweeper because the buffer was full
    };

    explicit JobPusher(RedisParams params, qsizetype capacity = 50'000, int timeoutMs = 2000);
    ~JobPusher(); // stops the thread; jobs still buffered are left to the sweeper
    JobPusher(const JobPusher &) = delete;
    JobPusher &operator=(const JobPusher &) = delete;

    void enqueue(const QList<JobRef> &jobs);
    State state() const;

private:
    void run();

    const RedisParams m_params;
    const qsizetype m_capacity;
    const int m_timeoutMs;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QList<JobRef> m_buffer;
    qsizetype m_inFlight = 0;
    bool m_stop = false;
    State m_state;
    std::unique_ptr<QThread> m_thread;
};

} // namespace gw::queue
