#pragma once
// Worker heartbeats in Redis: each worker refreshes its entry; a worker is "running" when any
// entry is younger than the staleness limit. /health and the jobs status read it.
#include "queue/redisclient.h"

#include <QList>
#include <QPair>
#include <QString>

namespace gw::queue {

class WorkerRegistry
{
public:
    static constexpr int kHeartbeatMs = 2000;
    static constexpr int kStaleAfterSeconds = 10;

    explicit WorkerRegistry(RedisClient &redis) : m_redis(redis) {}
    OkOrError beat(const QString &workerId);
    OkOrError remove(const QString &workerId);
    // Number of workers whose heartbeat is fresh.
    Result<int> liveWorkers();
    // Every worker seen in the last hour and the unix second of its last beat.
    Result<QList<QPair<QString, qint64>>> heartbeats();

private:
    RedisClient &m_redis;
};

} // namespace gw::queue
