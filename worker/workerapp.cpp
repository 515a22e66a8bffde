#include "worker/workerapp.h"

#include "core/logging.h"
#include "worker/deliverypool.h"
#include "worker/dispatcher.h"
#include "worker/heartbeat.h"
#include "worker/queueclient.h"
#include "worker/storeworker.h"
#include "worker/workitems.h"

namespace gw::worker {

WorkerApp::WorkerApp(const Config &config, const WorkerSettings &settings, const QString &workerId)
    : m_config(config), m_settings(settings), m_grace(this)
{
    registerWorkItemTypes();
    m_queue = new QueueClient(config, settings, workerId.toUtf8());
    m_heartbeat = new Heartbeat(config, workerId);
    m_store = new StoreWorker(config, settings);
    m_dispatcher = new Dispatcher(config, this);
    m_delivery = new DeliveryPool(config, settings, {}, this);
    m_queue->moveToThread(&m_queueThread);
    m_heartbeat->moveToThread(&m_queueThread);
    m_store->moveToThread(&m_storeThread);
    connect(&m_queueThread, &QThread::finished, m_queue, &QObject::deleteLater);
    connect(&m_queueThread, &QThread::finished, m_heartbeat, &QObject::deleteLater);
    connect(&m_storeThread, &QThread::finished, m_store, &QObject::deleteLater);

    // queue → main → database → queue; webhooks: database → main → delivery threads → database
    // → queue.
    connect(m_queue, &QueueClient::jobsArrived, m_dispatcher, &Dispatcher::dispatch);
    connect(m_queue, &QueueClient::heldChanged, this, &WorkerApp::onHeldChanged);
    connect(m_queue, &QueueClient::streamLost, m_store, &StoreWorker::sweepAll);
    connect(m_dispatcher, &Dispatcher::paymentsTaken, m_store, &StoreWorker::announcePayments);
    connect(m_dispatcher, &Dispatcher::paymentsDue, m_store, &StoreWorker::completePayments);
    connect(m_dispatcher, &Dispatcher::refundsDue, m_store, &StoreWorker::completeRefunds);
    connect(m_dispatcher, &Dispatcher::webhooksDue, m_store, &StoreWorker::claimDeliveries);
    connect(m_store, &StoreWorker::claimed, m_delivery, &DeliveryPool::deliver);
    connect(m_delivery, &DeliveryPool::attempted, m_store, &StoreWorker::recordAttempts);
    connect(m_store, &StoreWorker::settle, m_queue, &QueueClient::settle);
    connect(m_store, &StoreWorker::push, m_queue, &QueueClient::push);

    m_grace.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, this, &WorkerApp::graceOver);
}

WorkerApp::~WorkerApp()
{
    m_queueThread.quit();
    m_storeThread.quit();
    m_queueThread.wait();
    m_storeThread.wait();
}

void WorkerApp::start()
{
    m_queueThread.setObjectName(QStringLiteral("queue"));
    m_storeThread.setObjectName(QStringLiteral("store"));
    m_queueThread.start();
    m_storeThread.start();
    QMetaObject::invokeMethod(m_store, &StoreWorker::start, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_queue, &QueueClient::start, Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_heartbeat, &Heartbeat::start, Qt::QueuedConnection);
}

void WorkerApp::onHeldChanged(int held, bool idle)
{
    m_held = held;
    if (m_stopping && held == 0 && idle)
        finishShutdown();
}

void WorkerApp::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcWorker) << "stopping: no new jobs; waiting up to" << m_settings.shutdownGraceMs
                     << "ms for" << m_held << "held jobs";
    QMetaObject::invokeMethod(m_queue, &QueueClient::stopConsuming, Qt::QueuedConnection);
    m_grace.start(m_settings.shutdownGraceMs);
}

void WorkerApp::graceOver()
{
    if (m_released) {
        finishShutdown(); // whatever is still held is reclaimed after the visibility timeout
        return;
    }
    // Give the jobs still waiting for their timer back to the queue at once, then allow a moment
    // for jobs in a database transaction or an HTTP request to finish and be acknowledged.
    m_released = true;
    const auto released = m_dispatcher->releaseWaiting();
    qCInfo(lcWorker) << "releasing" << released.size() << "waiting jobs to other workers";
    QMetaObject::invokeMethod(
        m_queue, [q = m_queue, released] { q->settle(released); }, Qt::QueuedConnection);
    m_grace.start(3000);
}

void WorkerApp::finishShutdown()
{
    if (m_done)
        return;
    m_done = true;
    m_grace.stop();
    QMetaObject::invokeMethod(m_heartbeat, &Heartbeat::stop, Qt::BlockingQueuedConnection);
    qCInfo(lcWorker) << "stopped";
    Q_EMIT finished();
}

} // namespace gw::worker
