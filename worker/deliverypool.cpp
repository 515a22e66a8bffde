#include "worker/deliverypool.h"

#include "worker/webhooksender.h"

namespace gw::worker {

DeliveryPool::DeliveryPool(const Config &config, const WorkerSettings &settings,
                           std::shared_ptr<HostResolver> resolver, QObject *parent)
    : QObject(parent)
{
    registerWorkItemTypes();
    for (int i = 0; i < settings.webhookThreads; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("deliver-%1").arg(i));
        auto *sender = new WebhookSender(config, settings, resolver);
        sender->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, sender, &QObject::deleteLater);
        connect(sender, &WebhookSender::attempted, this, &DeliveryPool::attempted,
                Qt::DirectConnection);
        thread->start();
        m_senders.push_back(sender);
        m_threads.push_back(std::move(thread));
    }
}

DeliveryPool::~DeliveryPool()
{
    for (auto &t : m_threads)
        t->quit();
    for (auto &t : m_threads)
        t->wait();
}

void DeliveryPool::deliver(const QList<DeliveryWork> &work)
{
    std::vector<QList<DeliveryWork>> parts(m_senders.size());
    for (const auto &w : work)
        parts[qHash(WebhookSender::endpointKey(w.delivery)) % parts.size()].append(w);
    for (size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].isEmpty())
            continue;
        WebhookSender *sender = m_senders[i];
        QMetaObject::invokeMethod(
            sender, [sender, part = std::move(parts[i])] { sender->deliver(part); },
            Qt::QueuedConnection);
    }
}

} // namespace gw::worker
