#pragma once
// The worker process wired together: the queue thread (QueueClient, Heartbeat), the database
// thread (StoreWorker), the main thread (Dispatcher) and the delivery threads (DeliveryPool).
// Shutdown stops reading, gives held jobs WORKER_SHUTDOWN_GRACE_MS to finish, releases the ones
// still waiting back to the queue, takes the heartbeat entry away and ends the event loop.
#include "core/config.h"
#include "worker/workersettings.h"

#include <QObject>
#include <QThread>
#include <QTimer>

namespace gw::worker {

class Dispatcher;
class Heartbeat;
class QueueClient;
class StoreWorker;
class DeliveryPool;

class WorkerApp : public QObject
{
    Q_OBJECT
public:
    WorkerApp(const Config &config, const WorkerSettings &settings, const QString &workerId);
    ~WorkerApp() override;
    void start();
    void shutdown();

Q_SIGNALS:
    void finished();

private:
    void onHeldChanged(int held, bool idle);
    void graceOver();
    void finishShutdown();

    Config m_config;
    WorkerSettings m_settings;
    QThread m_queueThread;
    QThread m_storeThread;
    QueueClient *m_queue = nullptr;
    StoreWorker *m_store = nullptr;
    Heartbeat *m_heartbeat = nullptr;
    Dispatcher *m_dispatcher = nullptr;
    DeliveryPool *m_delivery = nullptr;
    int m_held = 0;
    bool m_stopping = false;
    bool m_released = false;
    bool m_done = false;
    QTimer m_grace;
};

} // namespace gw::worker
