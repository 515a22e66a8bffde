#include "worker/queueclient.h"

#include "core/logging.h"
#include "worker/workitems.h"

#include <QDateTime>

namespace gw::worker {

namespace {
constexpr int kReadBatch = 500;
constexpr int kBlockMs = 50;
constexpr int kPromoteEveryMs = 200;
constexpr int kRetryAfterOutageMs = 500;
constexpr qsizetype kMaxRetainedPushes = 200'000; // beyond this the sweeper brings them
} // namespace

QueueClient::QueueClient(const Config &config, const WorkerSettings &settings,
                         QByteArray consumerName)
    : m_settings(settings), m_redis(std::make_unique<queue::RedisClient>(config.redis, 2000)),
      m_stream(std::make_unique<queue::JobStream>(*m_redis, std::move(consumerName)))
{
}

QueueClient::~QueueClient() = default;

void QueueClient::start()
{
    m_clock.start();
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &QueueClient::pump);
    schedule(0);
}

void QueueClient::stopConsuming()
{
    m_consuming = false;
    schedule(0);
}

void QueueClient::settle(const QList<queue::Settlement> &settlements)
{
    m_toSettle.append(settlements);
    schedule(0);
}

void QueueClient::push(const QList<JobRef> &jobs)
{
    m_toPush.append(jobs);
    if (m_toPush.size() > kMaxRetainedPushes)
        m_toPush.remove(0, m_toPush.size() - kMaxRetainedPushes);
    schedule(0);
}

void QueueClient::schedule(int ms)
{
    if (!m_timer)
        return;
    if (!m_timer->isActive() || m_timer->remainingTime() > ms)
        m_timer->start(ms);
}

void QueueClient::pump()
{
    const bool wasUp = m_up;
    m_up = turn();
    if (m_up != wasUp)
        qCInfo(lcQueue) << (m_up ? "Redis is reachable again" : "Redis is unreachable; retrying");
    if (m_stream->groupsRemade() != m_groupsRemade) {
        m_groupsRemade = m_stream->groupsRemade();
        qCInfo(lcQueue) << "the job stream was gone (Redis lost its data); sweeping committed jobs";
        Q_EMIT streamLost();
    }
    if (m_redis->masterChanges() != m_masterChanges) {
        m_masterChanges = m_redis->masterChanges();
        qCInfo(lcQueue) << "the Redis master changed; sweeping the jobs it may not have";
        Q_EMIT streamLost();
    }
    // Only what changed crosses to the main thread (each emit wakes it); while stopping, every
    // turn, so the shutdown sees its last state.
    const int held = int(m_held.size());
    const bool idle = m_toSettle.isEmpty() && m_toPush.isEmpty();
    if (!m_consuming || held != m_shownHeld || idle != m_shownIdle) {
        m_shownHeld = held;
        m_shownIdle = idle;
        Q_EMIT heldChanged(held, idle);
    }
    if (!m_up)
        schedule(kRetryAfterOutageMs);
    else if (!m_toSettle.isEmpty() || !m_toPush.isEmpty() || (m_consuming && room() > 0))
        schedule(0); // a read with room blocks up to kBlockMs itself
    else
        schedule(kPromoteEveryMs);
}

bool QueueClient::turn()
{
    const auto down = [](const ApiError &e) { return e.code == ErrorCode::ServiceUnavailable; };
    if (!m_groupReady) {
        if (auto g = m_stream->ensureGroup(); !g)
            return !down(g.error());
        // A Redis an older version wrote: record where its jobs are before any push. Anything
        // but an outage is logged and passed over: at worst a job is appended twice, never lost.
        if (auto a = queue::JobQueue(*m_redis).adoptKnownSet(); !a) {
            if (down(a.error()))
                return false;
            qCWarning(lcQueue) << "recording the places of gw:jobs:known's jobs failed:"
                               << a.error().description;
        }
        m_groupReady = true;
    }
    if (!m_toSettle.isEmpty()) {
        const QList<queue::Settlement> batch = std::exchange(m_toSettle, {});
        if (auto s = m_stream->settle(batch); !s) {
            m_toSettle = batch + m_toSettle; // all of it again: each step is idempotent
            return false;
        }
        for (const auto &s : batch)
            m_held.remove(s.entryId);
    }
    if (!m_toPush.isEmpty()) {
        const QList<JobRef> batch = std::exchange(m_toPush, {});
        if (auto p = queue::JobQueue(*m_redis).push(batch); !p) {
            m_toPush = batch + m_toPush;
            return false;
        }
    }
    const qint64 now = m_clock.elapsed();
    if (now >= m_nextPromote) {
        m_nextPromote = now + kPromoteEveryMs;
        if (auto r = m_stream->promoteDue(QDateTime::currentMSecsSinceEpoch(), 1000); !r)
            return !down(r.error());
    }
    if (now >= m_nextTouch && !m_held.isEmpty()) {
        // Refresh well before the timeout, so that only a dead worker's entries go idle.
        m_nextTouch = now + m_settings.visibilityTimeoutMs / 3;
        if (auto t = m_stream->touch(m_held.values()); !t)
            return !down(t.error());
    }
    if (!m_consuming)
        return true;
    if (now >= m_nextReclaim && room() > 0) {
        m_nextReclaim = now + std::max(250, m_settings.visibilityTimeoutMs / 4);
        auto r = m_stream->reclaim(m_settings.visibilityTimeoutMs, std::min(room(), kReadBatch));
        if (!r)
            return !down(r.error());
        if (!r->isEmpty())
            qCInfo(lcQueue) << "reclaimed" << r->size() << "entries idle for over"
                            << m_settings.visibilityTimeoutMs << "ms";
        deliver(r.value());
    }
    if (room() > 0) {
        const bool busy = !m_toSettle.isEmpty() || !m_toPush.isEmpty();
        auto r = m_stream->read(std::min(room(), kReadBatch), busy ? 0 : kBlockMs);
        if (!r) {
            if (r.error().description.contains(QStringLiteral("NOGROUP")))
                m_groupReady = false;
            return !down(r.error());
        }
        deliver(r.value());
    }
    return true;
}

void QueueClient::deliver(const QList<queue::QueuedJob> &jobs)
{
    QList<queue::QueuedJob> fresh;
    fresh.reserve(jobs.size());
    for (const auto &j : jobs) {
        if (m_held.contains(j.entryId))
            continue; // ours already (a reclaim of an entry we still work on)
        m_held.insert(j.entryId);
        fresh.append(j);
    }
    if (!fresh.isEmpty())
        Q_EMIT jobsArrived(fresh);
}

} // namespace gw::worker
