#include "worker/webhooksender.h"

#include "core/addresspolicy.h"
#include "core/logging.h"

#include <QDateTime>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QUrl>

namespace gw::worker {

struct WebhookSender::Attempt
{
    DeliveryWork work;
    QString endpoint;
    QUrl url;
    QList<QHostAddress> addresses; // every one passed the policy
    int next = 0;                  // the one to try if the current one refuses the connection
    QElapsedTimer clock;
    QByteArray body;
    bool probe = false;
    bool sent = false;    // handed to a connection: its outcome tells the breaker something
    bool retried = false; // sent again on a new connection after a stale kept one
    bool done = false;
};

WebhookSender::WebhookSender(const Config &config, const WorkerSettings &settings,
                             std::shared_ptr<HostResolver> resolver, QObject *parent)
    : QObject(parent), m_config(config), m_settings(settings),
      m_schedule(config.webhookRetryIntervalsTest),
      m_resolver(resolver ? std::move(resolver) : std::make_shared<SystemResolver>())
{
    m_clock.start();
}

WebhookSender::~WebhookSender() = default;

QString WebhookSender::endpointKey(const store::Delivery &d)
{
    return d.merchantId + QLatin1Char(' ') + d.url;
}

WebhookSender::Endpoint &WebhookSender::endpoint(const QString &key)
{
    auto it = m_endpoints.find(key);
    if (it == m_endpoints.end()) {
        it = m_endpoints.insert(
            key, Endpoint{{},
                          0,
                          CircuitBreaker(m_settings.webhookBreakerFailures,
                                         m_settings.webhookBreakerCooldownMs,
                                         qint64(m_settings.webhookBreakerCooldownMs) * 16),
                          {}});
    }
    return it.value();
}

void WebhookSender::deliver(const QList<DeliveryWork> &work)
{
    QList<QString> touched;
    for (const auto &w : work) {
        const QString key = endpointKey(w.delivery);
        Endpoint &e = endpoint(key);
        if (e.waiting.isEmpty())
            touched.append(key);
        e.waiting.enqueue(w);
    }
    for (const QString &key : touched)
        pump(key);
}

void WebhookSender::pumpLater(const QString &key)
{
    QMetaObject::invokeMethod(
        this, [this, key] { pump(key); }, Qt::QueuedConnection);
}

void WebhookSender::pump(const QString &key)
{
    auto it = m_endpoints.find(key);
    if (it == m_endpoints.end())
        return;
    const qint64 now = m_clock.elapsed();
    // Take out what may start first: starting can finish an attempt at once (a bad URL).
    QList<QPair<DeliveryWork, bool>> starting;
    QList<DeliveryWork> refused;
    Endpoint &e = it.value();
    while (!e.waiting.isEmpty() && e.active < m_settings.webhookEndpointConnections) {
        if (m_active >= m_settings.webhookConcurrency) {
            if (!m_ready.contains(key))
                m_ready.append(key);
            break;
        }
        const auto gate = e.breaker.admit(now);
        if (gate == CircuitBreaker::Gate::Refuse) {
            refused.append(e.waiting.dequeue());
            continue;
        }
        ++e.active;
        ++m_active;
        starting.append({e.waiting.dequeue(), gate == CircuitBreaker::Gate::Probe});
    }
    const int silent = e.breaker.silentInARow();
    const qint64 probeInMs = e.breaker.msUntilProbe(now);
    if (e.waiting.isEmpty() && e.active == 0 && e.breaker.closed() && silent == 0 &&
        e.idle.isEmpty())
        m_endpoints.erase(it); // nothing to remember
    for (const auto &w : refused)
        record(w, 0,
               QStringLiteral("Not sent: the endpoint did not answer its last %1 attempts"
                              " (circuit open, next probe in %2 s)")
                   .arg(silent)
                   .arg((probeInMs + 999) / 1000),
               {}, 0);
    for (auto &[w, probe] : starting)
        start(key, std::move(w), probe);
}

void WebhookSender::start(const QString &key, DeliveryWork work, bool probe)
{
    auto a = std::make_shared<Attempt>();
    a->work = std::move(work);
    a->endpoint = key;
    a->probe = probe;
    a->clock.start();
    a->url = QUrl(a->work.delivery.url, QUrl::StrictMode);
    if (a->work.delivery.url.isEmpty())
        finish(a, 0, QStringLiteral("No webhook URL is configured"));
    else if (!a->url.isValid() || a->url.host().isEmpty() ||
             (a->url.scheme() != QStringLiteral("http") &&
              a->url.scheme() != QStringLiteral("https")))
        finish(a, 0, QStringLiteral("The webhook URL is not an absolute http(s) URL"));
    else
        checkAddresses(a);
}

void WebhookSender::checkAddresses(const std::shared_ptr<Attempt> &a)
{
    // One lookup: the policy judges every answer, and the request goes to the address judged.
    const bool anyAddress = m_config.testMode || m_config.webhookAllowPrivate;
    const auto judge = [this, a, anyAddress](const QList<QHostAddress> &addresses,
                                             const QString &lookupError) {
        if (addresses.isEmpty()) {
            a->sent = true; // an unresolvable name is an endpoint that does not answer
            finish(a, 0, QStringLiteral("Cannot resolve %1: %2").arg(a->url.host(), lookupError));
            return;
        }
        for (const QHostAddress &ip : addresses) {
            if (!anyAddress && !isPublicAddress(ip.toString())) {
                finish(a, 0,
                       QStringLiteral("Refused: %1 resolves to the non-public address %2"
                                      " (set WEBHOOK_ALLOW_PRIVATE=true for local development)")
                           .arg(a->url.host(), ip.toString()));
                return;
            }
        }
        a->addresses = addresses;
        a->next = 1;
        send(a, addresses.first());
    };
    QHostAddress literal;
    if (literal.setAddress(a->url.host()))
        judge({literal}, {});
    else
        m_resolver->lookup(a->url.host(), this, judge);
}

const WebhookSigner &WebhookSender::signer(const QByteArray &secret)
{
    auto it = m_signers.find(secret);
    if (it == m_signers.end()) {
        if (m_signers.size() > 10'000)
            m_signers.clear();
        it = m_signers.insert(secret, std::make_shared<WebhookSigner>(secret));
    }
    return *it.value();
}

QByteArray WebhookSender::request(const std::shared_ptr<Attempt> &a, const QHostAddress &address,
                                  bool absoluteForm)
{
    const store::Delivery &d = a->work.delivery;
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    const WebhookSigner &current = signer(d.secret);
    const WebhookSigner *previous =
        d.previousSecret.isEmpty() ? nullptr : &signer(d.previousSecret);
    const auto signatures =
        signWebhook(d.eventId.toUtf8(), timestamp, d.payload, current, previous);
    QByteArray target;
    if (absoluteForm) { // to an HTTP proxy: the checked address in full
        QUrl url = a->url;
        url.setHost(address.toString());
        target = url.toEncoded(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    } else {
        target = a->url.path(QUrl::FullyEncoded).toUtf8();
        if (target.isEmpty())
            target = "/";
        if (a->url.hasQuery())
            target += '?' + a->url.query(QUrl::FullyEncoded).toUtf8();
    }
    // QUrl (StrictMode) let no CR or LF into the target or the authority.
    QByteArray r;
    r.reserve(512 + d.payload.size());
    r += "POST " + target + " HTTP/1.1\r\nHost: " +
         a->url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toUtf8() +
         "\r\nContent-Type: application/json\r\nUser-Agent: gateway-webhooks/1.0"
         "\r\nX-Webhook-Signature: " +
         signatures.xWebhookSignature + "\r\nwebhook-id: " + d.eventId.toUtf8() +
         "\r\nwebhook-timestamp: " + QByteArray::number(timestamp) +
         "\r\nwebhook-signature: " + signatures.webhookSignature +
         "\r\nContent-Length: " + QByteArray::number(d.payload.size()) + "\r\n\r\n";
    r += d.payload;
    return r;
}

HttpConnection *WebhookSender::connection(const QString &key, const HttpTarget &target, bool kept)
{
    Endpoint &e = endpoint(key);
    for (qsizetype i = 0; kept && i < e.idle.size(); ++i)
        if (e.idle.at(i)->target() == target)
            return e.idle.takeAt(i);
    auto *c = new HttpConnection(target, kBodyLimit, this);
    // Only a parked connection reports closing (by the peer, or idle too long).
    connect(c, &HttpConnection::closed, this, [this, key, c] {
        if (auto it = m_endpoints.find(key); it != m_endpoints.end())
            it->idle.removeOne(c);
        c->deleteLater();
        forgetIfUnused(key);
    });
    return c;
}

void WebhookSender::keep(const QString &key, HttpConnection *c)
{
    Endpoint &e = endpoint(key);
    if (e.idle.size() >= m_settings.webhookEndpointConnections) {
        c->deleteLater();
        return;
    }
    e.idle.append(c);
    c->park(kIdleMs);
}

void WebhookSender::forgetIfUnused(const QString &key)
{
    const auto it = m_endpoints.find(key);
    if (it != m_endpoints.end() && it->waiting.isEmpty() && it->active == 0 &&
        it->breaker.closed() && it->breaker.silentInARow() == 0 && it->idle.isEmpty())
        m_endpoints.erase(it);
}

void WebhookSender::send(const std::shared_ptr<Attempt> &a, const QHostAddress &address)
{
    HttpTarget target;
    target.address = address;
    target.tls = a->url.scheme() == QStringLiteral("https");
    target.port = quint16(a->url.port(target.tls ? 443 : 80));
    target.peerName = a->url.host();
    // The application's proxy settings, as QNetworkAccessManager applied them.
    QUrl proxied = a->url;
    proxied.setHost(address.toString());
    target.proxy = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(proxied))
                       .value(0, QNetworkProxy(QNetworkProxy::NoProxy));
    if (target.proxy.type() == QNetworkProxy::DefaultProxy)
        target.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    const bool absoluteForm = !target.tls && target.proxy.type() == QNetworkProxy::HttpProxy;

    // The endpoint has a free connection (pump): the clock and the deadline start here, not when
    // the delivery was queued. A retry after a stale kept connection takes a new one.
    HttpConnection *c = connection(a->endpoint, target, !a->retried);
    a->sent = true;
    a->clock.start();
    c->send(request(a, address, absoluteForm), m_settings.webhookTimeoutMs,
            [this, a, c, address](const HttpResult &r) { sent(a, c, address, r); });
}

void WebhookSender::sent(const std::shared_ptr<Attempt> &a, HttpConnection *c,
                         const QHostAddress &address, const HttpResult &r)
{
    if (r.stale && !a->retried) {
        // The peer closed the kept connection as the request went out: once more on a new one.
        c->deleteLater();
        a->retried = true;
        send(a, address);
        return;
    }
    if (r.refused && a->next < a->addresses.size()) {
        // e.g. localhost answering ::1 first to a receiver on 127.0.0.1 only: the next address
        // of the same checked answer.
        c->deleteLater();
        send(a, a->addresses.at(a->next++));
        return;
    }
    if (r.reusable)
        keep(a->endpoint, c);
    else
        c->deleteLater();
    a->body = r.body;
    QString error;
    if (r.timedOut)
        error = QStringLiteral("No response within %1 s").arg(m_settings.webhookTimeoutMs / 1000);
    else if (r.status == 0)
        error = r.error;
    else if (r.status < 200 || r.status > 299)
        error = QStringLiteral("HTTP %1").arg(r.status);
    finish(a, r.status, error);
}

void WebhookSender::finish(const std::shared_ptr<Attempt> &a, int code, const QString &error)
{
    if (a->done)
        return;
    a->done = true;
    --m_active;
    Endpoint &e = endpoint(a->endpoint);
    --e.active;
    if (a->sent)
        e.breaker.record(code > 0, a->probe, m_clock.elapsed());
    record(a->work, code, error, a->body, int(a->clock.elapsed()));
    pumpLater(a->endpoint);
    if (!m_ready.isEmpty() && m_active < m_settings.webhookConcurrency)
        pumpLater(m_ready.takeFirst());
}

void WebhookSender::record(const DeliveryWork &work, int code, const QString &error,
                           const QByteArray &body, int durationMs)
{
    store::AttemptOutcome o;
    o.job = work.delivery.job;
    o.attempt = work.delivery.attempt;
    o.ok = code >= 200 && code <= 299 && error.isEmpty();
    o.responseCode = code;
    o.responseBody = body;
    o.error = error;
    o.durationMs = durationMs;
    if (!o.ok) {
        o.retryInSeconds = m_schedule.delayAfterAttempt(o.attempt);
        qCInfo(lcWebhook).noquote()
            << "attempt" << o.attempt << "for" << work.delivery.eventId << "failed:" << error;
    }
    m_results.append(AttemptWork{work.entryId, o});
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &WebhookSender::flushResults, Qt::QueuedConnection);
    }
}

void WebhookSender::flushResults()
{
    m_flushScheduled = false;
    if (!m_results.isEmpty())
        Q_EMIT attempted(std::exchange(m_results, {}));
}

} // namespace gw::worker
