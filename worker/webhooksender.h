#pragma once
// Sends webhook attempts with QNetworkAccessManager on the main event loop: many at once
// (WEBHOOK_CONCURRENCY), keep-alive connections, the raw payload signed with both schemes,
// redirects not followed, 5 s for the whole attempt, the status and the first 4 KiB of the body
// kept. Outside test mode (unless WEBHOOK_ALLOW_PRIVATE) the host must resolve to public
// addresses only; a refused URL is a failed attempt with the reason as its error.
#include "core/config.h"
#include "core/retryschedule.h"
#include "core/webhooksigner.h"
#include "worker/workersettings.h"
#include "worker/workitems.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QQueue>
#include <memory>

class QHostInfo;
class QNetworkReply;

namespace gw::worker {

class WebhookSender : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBodyLimit = 4096;

    WebhookSender(const Config &config, const WorkerSettings &settings, QObject *parent = nullptr);
    ~WebhookSender() override;
    void deliver(const QList<gw::worker::DeliveryWork> &work);
    int active() const { return m_active + int(m_waiting.size()); }

Q_SIGNALS:
    void attempted(const QList<gw::worker::AttemptWork> &results);

private:
    struct Attempt;
    void startNext();
    void checkAddresses(const std::shared_ptr<Attempt> &a);
    void send(const std::shared_ptr<Attempt> &a);
    void finish(const std::shared_ptr<Attempt> &a, int code, const QString &error);
    const WebhookSigner &signer(const QByteArray &secret);
    void flushResults();

    Config m_config;
    WorkerSettings m_settings;
    RetrySchedule m_schedule;
    QNetworkAccessManager m_nam;
    QQueue<DeliveryWork> m_waiting;
    int m_active = 0;
    QHash<QByteArray, std::shared_ptr<WebhookSigner>> m_signers;
    QList<AttemptWork> m_results;
    bool m_flushScheduled = false;
};

} // namespace gw::worker
