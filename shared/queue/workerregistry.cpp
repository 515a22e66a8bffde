#include "queue/workerregistry.h"

#include <QDateTime>

namespace gw::queue {

namespace {
const QByteArray kKey = "gw:workers"; // sorted set: member worker id, score last beat (unix s)
}

OkOrError WorkerRegistry::beat(const QString &workerId)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto r = m_redis.pipeline({
        {"ZADD", kKey, QByteArray::number(now), workerId.toUtf8()},
        {"ZREMRANGEBYSCORE", kKey, "-inf", QByteArray::number(now - 3600)},
    });
    if (!r)
        return r.error();
    return Ok{};
}

OkOrError WorkerRegistry::remove(const QString &workerId)
{
    auto r = m_redis.command({"ZREM", kKey, workerId.toUtf8()});
    if (!r)
        return r.error();
    return Ok{};
}

Result<int> WorkerRegistry::liveWorkers()
{
    const qint64 since = QDateTime::currentSecsSinceEpoch() - kStaleAfterSeconds;
    auto r = m_redis.command({"ZCOUNT", kKey, QByteArray::number(since), "+inf"});
    if (!r)
        return r.error();
    return int(r->toLongLong());
}

Result<QList<QPair<QString, qint64>>> WorkerRegistry::heartbeats()
{
    auto r = m_redis.command({"ZRANGE", kKey, "0", "-1", "WITHSCORES"});
    if (!r)
        return r.error();
    QList<QPair<QString, qint64>> out;
    const QVariantList flat = r->toList();
    for (qsizetype i = 0; i + 1 < flat.size(); i += 2)
        out.append({QString::fromUtf8(flat.at(i).toByteArray()),
                    flat.at(i + 1).toByteArray().toLongLong()});
    return out;
}

} // namespace gw::queue
