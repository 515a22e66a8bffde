#include "worker/webhooksender.h"

#include "core/addresspolicy.h"
#include "core/logging.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace gw::worker {

struct WebhookSender::Attempt
{
    DeliveryWork work;
    QUrl url;
    QElapsedTimer clock;
    QByteArray body;
    bool timedOut = false;
    bool done = false;
};

WebhookSender::WebhookSender(const Config &config, const WorkerSettings &settings, QObject *parent)
    : QObject(parent), m_config(config), m_settings(settings),
      m_schedule(config.webhookRetryIntervalsTest)
{
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam.setTransferTimeout(settings.webhookTimeoutMs);
}

WebhookSender::~WebhookSender() = default;

void WebhookSender::deliver(const QList<DeliveryWork> &work)
{
    for (const auto &w : work)
        m_waiting.enqueue(w);
    startNext();
}

void WebhookSender::startNext()
{
    while (m_active < m_settings.webhookConcurrency && !m_waiting.isEmpty()) {
        auto a = std::make_shared<Attempt>();
        a->work = m_waiting.dequeue();
        a->clock.start();
        ++m_active;
        a->url = QUrl(a->work.delivery.url, QUrl::StrictMode);
        if (a->work.delivery.url.isEmpty()) {
            finish(a, 0, QStringLiteral("No webhook URL is configured"));
        } else if (!a->url.isValid() || a->url.host().isEmpty() ||
                   (a->url.scheme() != QStringLiteral("http") &&
                    a->url.scheme() != QStringLiteral("https"))) {
            finish(a, 0, QStringLiteral("The webhook URL is not an absolute http(s) URL"));
        } else if (m_config.testMode || m_config.webhookAllowPrivate) {
            send(a);
        } else {
            checkAddresses(a);
        }
    }
}

void WebhookSender::checkAddresses(const std::shared_ptr<Attempt> &a)
{
    // The names are resolved here and again by the network stack; a name that changes its
    // answer in between (DNS rebinding) is not covered, the common SSRF cases are.
    const auto judge = [this, a](const QList<QHostAddress> &addresses, const QString &lookupError) {
        if (addresses.isEmpty()) {
            finish(a, 0, QStringLiteral("Cannot resolve %1: %2").arg(a->url.host(), lookupError));
            return;
        }
        for (const QHostAddress &ip : addresses) {
            if (!isPublicAddress(ip.toString())) {
                finish(a, 0,
                       QStringLiteral("Refused: %1 resolves to the non-public address %2"
                                      " (set WEBHOOK_ALLOW_PRIVATE=true for local development)")
                           .arg(a->url.host(), ip.toString()));
                return;
            }
        }
        send(a);
    };
    QHostAddress literal;
    if (literal.setAddress(a->url.host())) {
        judge({literal}, {});
        return;
    }
    QHostInfo::lookupHost(a->url.host(), this, [judge](const QHostInfo &info) {
        judge(info.addresses(), info.errorString());
    });
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

void WebhookSender::send(const std::shared_ptr<Attempt> &a)
{
    const store::Delivery &d = a->work.delivery;
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    const WebhookSigner &current = signer(d.secret);
    const WebhookSigner *previous =
        d.previousSecret.isEmpty() ? nullptr : &signer(d.previousSecret);
    const auto signatures =
        signWebhook(d.eventId.toUtf8(), timestamp, d.payload, current, previous);

    QNetworkRequest request(a->url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("gateway-webhooks/1.0"));
    request.setRawHeader("X-Webhook-Signature", signatures.xWebhookSignature);
    request.setRawHeader("webhook-id", d.eventId.toUtf8());
    request.setRawHeader("webhook-timestamp", QByteArray::number(timestamp));
    request.setRawHeader("webhook-signature", signatures.webhookSignature);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(m_settings.webhookTimeoutMs);

    QNetworkReply *reply = m_nam.post(request, d.payload);
    connect(reply, &QNetworkReply::readyRead, this, [a, reply] {
        const QByteArray chunk = reply->readAll();
        if (a->body.size() < kBodyLimit)
            a->body.append(chunk.left(kBodyLimit - a->body.size()));
    });
    // The transfer timeout counts silence; this one counts the whole attempt.
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
    store::AttemptOutcome o;
    o.job = a->work.delivery.job;
    o.attempt = a->work.delivery.attempt;
    o.ok = code >= 200 && code <= 299 && error.isEmpty();
    o.responseCode = code;
    o.responseBody = a->body;
    o.error = error;
    o.durationMs = int(a->clock.elapsed());
    if (!o.ok)
        o.retryInSeconds = m_schedule.delayAfterAttempt(o.attempt);
    if (!o.ok)
        qCInfo(lcWebhook).noquote()
            << "attempt" << o.attempt << "for" << a->work.delivery.eventId << "failed:" << error;
    m_results.append(AttemptWork{a->work.entryId, o});
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &WebhookSender::flushResults, Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(this, &WebhookSender::startNext, Qt::QueuedConnection);
}

void WebhookSender::flushResults()
{
    m_flushScheduled = false;
    if (!m_results.isEmpty())
        Q_EMIT attempted(std::exchange(m_results, {}));
}

} // namespace gw::worker
