#include "server/databasewatch.h"

#include "core/startedthread.h"
#include "store/connection.h"

#include <QDateTime>
#include <QThread>

namespace gw::http {

namespace {
// The watch's own statements are SELECT 1: a second is plenty, and its session is dropped and
// re-made soon after a server stops answering.
constexpr int kStatementTimeoutMs = 1000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

DatabaseWatch::DatabaseWatch(DatabaseParams params) : m_params(std::move(params))
{
    m_params.statementTimeoutMs = std::min(m_params.statementTimeoutMs, kStatementTimeoutMs);
    m_thread = startThread(QStringLiteral("database-watch"), [this] { run(); });
    QMutexLocker lock(&m_mutex);
    while (m_last.reason.isEmpty() && !m_last.reachable)
        m_wake.wait(&m_mutex);
}

DatabaseWatch::~DatabaseWatch()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
    }
    m_wake.wakeAll();
    m_thread->wait();
}

DatabaseWatch::State DatabaseWatch::state() const
{
    QMutexLocker lock(&m_mutex);
    const qint64 asking = m_askingSinceMs > 0 ? nowMs() - m_askingSinceMs : 0;
    if (asking > kSlowMs)
        return {false, QStringLiteral("PostgreSQL has not answered for %1 ms").arg(asking)};
    return m_last;
}

bool DatabaseWatch::awaitWritable(const QDeadlineTimer &deadline) const
{
    QMutexLocker lock(&m_mutex);
    // A check under way began before this call: the one after it is the first to count.
    const quint64 first = m_checksDone + (m_askingSinceMs > 0 ? 2 : 1);
    while (!m_stop && !(m_checksDone >= first && m_last.reachable))
        if (!m_wake.wait(&m_mutex, deadline))
            return false;
    return !m_stop;
}

DatabaseWatch::State DatabaseWatch::check(store::Connection &db)
{
    switch (db.reach()) {
    case store::Connection::Reach::Writable:
        return {true, {}};
    case store::Connection::Reach::ReadOnly:
        return {false, QStringLiteral("PostgreSQL is read-only (a standby, or a demoted primary)")};
    case store::Connection::Reach::Unreachable:
        break;
    }
    return {false, QStringLiteral("PostgreSQL is unreachable")};
}

void DatabaseWatch::run()
{
    store::Connection db(m_params, QStringLiteral("health"));
    QMutexLocker lock(&m_mutex);
    while (!m_stop) {
        m_askingSinceMs = nowMs();
        lock.unlock();
        const State now = check(db);
        lock.relock();
        m_askingSinceMs = 0;
        m_last = now;
        ++m_checksDone;
        m_wake.wakeAll(); // the constructor waits for the first
        if (!m_stop)
            m_wake.wait(&m_mutex, kIntervalMs);
    }
}

} // namespace gw::http
