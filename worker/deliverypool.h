#pragma once
// The webhook delivery threads: WEBHOOK_DELIVERY_THREADS threads, each with a WebhookSender of
// its own (its own connections and signers). Every endpoint belongs to one
// thread (by a hash of merchant + URL), so its queue, connection limit and circuit breaker live
// in one place; the threads share nothing and report attempts to the database thread directly.
#include "core/config.h"
#include "worker/hostresolver.h"
#include "worker/workersettings.h"
#include "worker/workitems.h"

#include <QObject>
#include <QThread>
#include <memory>
#include <vector>

namespace gw::worker {

class WebhookSender;

class DeliveryPool : public QObject
{
    Q_OBJECT
public:
    DeliveryPool(const Config &config, const WorkerSettings &settings,
                 std::shared_ptr<HostResolver> resolver = {}, QObject *parent = nullptr);
    ~DeliveryPool() override;
    // Call from the pool's own thread.
    void deliver(const QList<gw::worker::DeliveryWork> &work);

Q_SIGNALS:
    // Emitted from the delivery threads.
    void attempted(const QList<gw::worker::AttemptWork> &results);

private:
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<WebhookSender *> m_senders;
};

} // namespace gw::worker
