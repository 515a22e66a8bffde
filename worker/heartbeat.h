#pragma once
// Refreshes this worker's entry in the worker registry on a timer, and removes it on shutdown.
// The worker runs it on its queue thread, so that a Redis outage never blocks the main loop.
#include "core/config.h"
#include "queue/redisclient.h"

#include <QObject>
#include <QTimer>

namespace gw::worker {

class Heartbeat : public QObject
{
    Q_OBJECT
public:
    Heartbeat(const Config &config, QString workerId, QObject *parent = nullptr);
    ~Heartbeat() override;
    void start();
    void stop();

private:
    void beat();

    queue::RedisClient m_redis;
    QString m_id;
    QTimer m_timer;
};

} // namespace gw::worker
