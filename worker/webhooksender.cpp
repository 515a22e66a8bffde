#include "worker/webhooksender.h"

#include "core/addresspolicy.h"
#include "core/logging.h"

#include <QDateTime>
#include <QHostAddress>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
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
    bool sent = false; // handed to the network stack: its outcome tells the breaker something
    bool timedOut = false;
    bool done = false;
};

WebhookSender::WebhookSender(const Config &config, const WorkerSettings &settings,
                             std::shared_ptr<HostResolver> resolver, QObject *parent)
    : QObject(parent), m_config(config), m_settings(settings),
      m_schedule(config.webhookRetryIntervalsTest),
      m_resolver(resolver ? std::move(resolver) : std::make_shared<SystemResolver>()), m_nam(this)
{
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
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
                          QStringLiteral("endpoint-%1").arg(qHash(key), 0, 16)});
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
    if (e.waiting.isEmpty() && e.active == 0 && e.breaker.closed() && silent == 0)
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

void WebhookSender::send(const std::shared_ptr<Attempt> &a, const QHostAddress &address)
{
    const store::Delivery &d = a->work.delivery;
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    const WebhookSigner &current = signer(d.secret);
    const WebhookSigner *previous =
        d.previousSecret.isEmpty() ? nullptr : &signer(d.previousSecret);
    const auto signatures =
        signWebhook(d.eventId.toUtf8(), timestamp, d.payload, current, previous);

    QUrl target = a->url;
    target.setHost(address.toString());
    QNetworkRequest request(target);
    request.setRawHeader("Host", a->url.adjusted(QUrl::RemoveUserInfo).authority().toUtf8());
    // https: the certificate and SNI name are the URL's host. http: the name only keys the
    // connection pool, which gives every endpoint connections of its own.
    const bool tls = a->url.scheme() == QStringLiteral("https");
    request.setPeerVerifyName(tls ? a->url.host() : endpoint(a->endpoint).poolTag);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("gateway-webhooks/1.0"));
    request.setRawHeader("X-Webhook-Signature", signatures.xWebhookSignature);
    request.setRawHeader("webhook-id", d.eventId.toUtf8());
    request.setRawHeader("webhook-timestamp", QByteArray::number(timestamp));
    request.setRawHeader("webhook-signature", signatures.webhookSignature);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    // The endpoint has a free connection (pump), so the network stack starts at once: the clock
    // and the deadline start here, not when the delivery was queued.
    a->sent = true;
    a->clock.start();
    QNetworkReply *reply = m_nam.post(request, d.payload);
    connect(reply, &QNetworkReply::readyRead, this, [a, reply] {
        const QByteArray chunk = reply->readAll();
        if (a->body.size() < kBodyLimit)
            a->body.append(chunk.left(kBodyLimit - a->body.size()));
    });
    QTimer::singleShot(m_settings.webhookTimeoutMs, reply, [a, reply] {
        a->timedOut = true;
        reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, a, reply] {
        reply->deleteLater();
        // An aborted or timed-out reply is closed: reading it would only warn.
        if (reply->isOpen() && a->body.size() < kBodyLimit)
            a->body.append(reply->read(kBodyLimit - a->body.size()));
        const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!a->timedOut && code == 0 && reply->error() == QNetworkReply::ConnectionRefusedError &&
            a->next < a->addresses.size()) {
            // e.g. localhost answering ::1 first to a receiver on 127.0.0.1 only: the next
            // address of the same checked answer.
            send(a, a->addresses.at(a->next++));
            return;
        }
        QString error;
        if (a->timedOut || reply->error() == QNetworkReply::OperationCanceledError ||
            reply->error() == QNetworkReply::TimeoutError)
            error =
                QStringLiteral("No response within %1 s").arg(m_settings.webhookTimeoutMs / 1000);
        else if (code == 0)
            error = reply->errorString();
        else if (code < 200 || code > 299)
            error = QStringLiteral("HTTP %1").arg(code);
        finish(a, a->timedOut ? 0 : code, error);
    });
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
