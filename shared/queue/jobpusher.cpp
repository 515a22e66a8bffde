#include "queue/jobpusher.h"

#include "core/logging.h"
#include "core/startedthread.h"
#include "queue/jobqueue.h"
#include "queue/redisclient.h"

#include <QDateTime>
#include <QThread>

namespace gw::queue {

namespace {
constexpr qsizetype kBatch = 500; // one EVAL; keeps a single script short for Redis
constexpr int kRetryMs = 200;     // between attempts while Redis fails
} // namespace

JobPusher::JobPusher(RedisParams params, qsizetype capacity, int timeoutMs)
    : m_params(std::move(params)), m_capacity(capacity), m_timeoutMs(timeoutMs)
{
    m_thread = startThread(QStringLiteral("job-pusher"), [this] { run(); });
}

JobPusher::~JobPusher()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
    }
    m_wake.wakeAll();
    m_thread->wait();
}

void JobPusher::enqueue(const QList<JobRef> &jobs)
{
    if (jobs.isEmpty())
        return;
    {
        QMutexLocker lock(&m_mutex);
        const qsizetype room = m_capacity - m_buffer.size();
        if (room < jobs.size()) {
            m_state.dropped += jobs.size() - std::max<qsizetype>(room, 0);
            m_buffer.append(jobs.mid(0, std::max<qsizetype>(room, 0)));
        } else {
            m_buffer.append(jobs);
        }
    }
    m_wake.wakeOne();
}

JobPusher::State JobPusher::state() const
{
    QMutexLocker lock(&m_mutex);
    State s = m_state;
    s.waiting = m_buffer.size() + m_inFlight;
    return s;
}

void JobPusher::run()
{
    RedisClient redis(m_params, m_timeoutMs);
    JobQueue queue(redis);
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (!m_stop && m_buffer.isEmpty())
            m_wake.wait(&m_mutex);
        if (m_stop)
            return;
        const QList<JobRef> batch = m_buffer.mid(0, kBatch);
        m_buffer.remove(0, batch.size());
        m_inFlight = batch.size();
        lock.unlock();
        const auto pushed = queue.pushNew(batch); // a pipelined round trip, off every request
        lock.relock();
        m_inFlight = 0;
        if (pushed) {
            m_state.failingSinceMs = 0;
            continue;
        }
        // Keep them (first in line) and try again shortly; the rows are safe in the database.
        if (m_state.failingSinceMs == 0) {
            m_state.failingSinceMs = QDateTime::currentMSecsSinceEpoch();
            qCWarning(lcQueue).noquote()
                << "job push failed, retrying:" << pushed.error().description;
        }
        m_state.lastError = pushed.error().description;
        const qsizetype keep =
            std::min(batch.size(), std::max<qsizetype>(0, m_capacity - m_buffer.size()));
        m_state.dropped += batch.size() - keep;
        m_buffer = batch.mid(0, keep) + m_buffer;
        m_wake.wait(&m_mutex, kRetryMs);
    }
}

} // namespace gw::queue
