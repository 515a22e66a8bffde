#pragma once
// Sends webhook attempts on the thread it lives on (the worker runs several, see DeliveryPool).
// Fair and isolated the way Svix and Convoy are: every endpoint (merchant + URL) has its own
// queue, at most WEBHOOK_ENDPOINT_CONNECTIONS requests under way, its own keep-alive connections
// (HttpConnection, never shared with another endpoint, even on the same host:port, http or
// https) and its own circuit breaker, so a slow or hanging endpoint only ever waits on itself.
// The 5 s deadline starts when the request is handed to a connection, which is only done when
// the endpoint has a free one: it covers connect, send and response, never the wait.
// The host is resolved once; outside test mode (unless WEBHOOK_ALLOW_PRIVATE) every answer must be
// a public address, and the request goes to the address chosen, with the original Host header
// and TLS name. Signed with both schemes, redirects not followed, the status and the first 4 KiB
// of the body kept; one log line per failed attempt.
#include "core/config.h"
#include "core/retryschedule.h"
#include "core/webhooksigner.h"
#include "worker/circuitbreaker.h"
#include "worker/hostresolver.h"
#include "worker/httpconnection.h"
#include "worker/workersettings.h"
#include "worker/workitems.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QQueue>
#include <memory>

class QHostAddress;

namespace gw::worker {

class WebhookSender : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBodyLimit = 4096;
    static constexpr int kIdleMs = 30'000; // a kept connection unused this long is closed

    // `resolver` null: the system resolver.
    WebhookSender(const Config &config, const WorkerSettings &settings,
                  std::shared_ptr<HostResolver> resolver = {}, QObject *parent = nullptr);
    ~WebhookSender() override;
    void deliver(const QList<gw::worker::DeliveryWork> &work);
    int active() const { return m_active; }

    // What identifies an endpoint: its own queue, connections and breaker.
    static QString endpointKey(const store::Delivery &d);

Q_SIGNALS:
    void attempted(const QList<gw::worker::AttemptWork> &results);

private:
    struct Attempt;
    struct Endpoint
    {
        QQueue<DeliveryWork> waiting;
        int active = 0;
        CircuitBreaker breaker;
        QList<HttpConnection *> idle; // kept open after an answer, for the endpoint's next request
    };
    Endpoint &endpoint(const QString &key);
    void pump(const QString &key);
    void pumpLater(const QString &key);
    void start(const QString &key, DeliveryWork work, bool probe);
    void checkAddresses(const std::shared_ptr<Attempt> &a);
    void send(const std::shared_ptr<Attempt> &a, const QHostAddress &address);
    void sent(const std::shared_ptr<Attempt> &a, HttpConnection *c, const QHostAddress &address,
              const HttpResult &r);
    QByteArray request(const std::shared_ptr<Attempt> &a, const QHostAddress &address,
                       bool absoluteForm);
    // One of the endpoint's kept connections to `target` (when `kept`), or a new one.
    HttpConnection *connection(const QString &key, const HttpTarget &target, bool kept);
    void keep(const QString &key, HttpConnection *c);
    void forgetIfUnused(const QString &key);
    void finish(const std::shared_ptr<Attempt> &a, int code, const QString &error);
    void record(const DeliveryWork &work, int code, const QString &error, const QByteArray &body,
                int durationMs);
    const WebhookSigner &signer(const QByteArray &secret);
    void flushResults();

    Config m_config;
    WorkerSettings m_settings;
    RetrySchedule m_schedule;
    std::shared_ptr<HostResolver> m_resolver;
    QElapsedTimer m_clock;
    QHash<QString, Endpoint> m_endpoints;
    QList<QString> m_ready; // endpoints with waiting work, blocked only by the thread's ceiling
    int m_active = 0;
    QHash<QByteArray, std::shared_ptr<WebhookSigner>> m_signers;
    QList<AttemptWork> m_results;
    bool m_flushScheduled = false;
};

} // namespace gw::worker
