#include "worker/heartbeat.h"

#include "core/logging.h"
#include "queue/workerregistry.h"

namespace gw::worker {

Heartbeat::Heartbeat(const Config &config, QString workerId, QObject *parent)
    : QObject(parent), m_redis(config.redis, 1000), m_id(std::move(workerId)), m_timer(this)
{
    m_timer.setInterval(queue::WorkerRegistry::kHeartbeatMs);
    connect(&m_timer, &QTimer::timeout, this, &Heartbeat::beat);
}

Heartbeat::~Heartbeat()
{
    stop();
}

void Heartbeat::start()
{
    beat();
    m_timer.start();
}

void Heartbeat::stop()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    queue::WorkerRegistry(m_redis).remove(m_id);
}

void Heartbeat::beat()
{
    if (auto s = queue::WorkerRegistry(m_redis).beat(m_id); !s)
        qCWarning(lcWorker).noquote() << "heartbeat failed:" << s.error().description;
}

} // namespace gw::worker
