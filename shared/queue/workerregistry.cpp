#include "queue/workerregistry.h"

#include <QDateTime>

namespace gw::queue {

namespace {
const QByteArray kKey = "gw:workers"; // sorted set: member worker id, score last beat (unix s)
}

Status WorkerRegistry::beat(const QString &workerId)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto r = m_redis.pipeline({
        {"ZADD", kKey, QByteArray::number(now), workerId.toUtf8()},
        {"ZREMRANGEBYSCORE", kKey, "-inf", QByteArray::number(now - 3600)},
    });
    if (!r)
        return r.error();
    return Done{};
}

Status WorkerRegistry::remove(const QString &workerId)
{
    auto r = m_redis.command({"ZREM", kKey, workerId.toUtf8()});
    if (!r)
        return r.error();
    return Done{};
}

Result<int> WorkerRegistry::liveWorkers()
{
    const qint64 since = QDateTime::currentSecsSinceEpoch() - kStaleAfterSeconds;
    auto r = m_redis.command({"ZCOUNT", kKey, QByteArray::number(since), "+inf"});
    if (!r)
        return r.error();
    return int(r->toLongLong());
}

} // namespace gw::queue
