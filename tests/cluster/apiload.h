#pragma once
// Payments through the API of every host, as clients that retry: each client makes an order and
// pays for it, each request with its own Idempotency-Key, and retries a request that got no
// answer, a 5xx or a 409 (the key's first request still running) with the same key on the next
// host until it gets its answer. Every payment attempt is recorded with its time and status,
// every payment with the body of its first 2xx answer; figures() sums them up around a fault.
#include "support/httpclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <algorithm>
#include <memory>

namespace gw::test {

class ApiLoad
{
public:
    struct Attempt
    {
        qint64 sentMs;
        qint64 doneMs;
        int status; // 0: no answer
    };
    struct Paid
    {
        QByteArray key;
        QByteArray request;
        QByteArray firstAnswer;
        QString paymentId;
        QString orderId;
    };

    ApiLoad(QStringList baseUrls, QString tag) : m_bases(std::move(baseUrls)), m_tag(std::move(tag))
    {
    }

    void start(int clients)
    {
        m_clock.start();
        for (int i = 0; i < clients; ++i)
            nextOrder(i % int(m_bases.size()));
    }
    // No new orders; the sequences under way finish (each within its retry deadline).
    void stop() { m_stopping = true; }
    bool idle() const { return m_open == 0; }
    qint64 now() const { return m_clock.elapsed(); }

    const QList<Attempt> &paymentAttempts() const { return m_attempts; }
    const QList<Paid> &paid() const { return m_paid; }
    const QStringList &unexpected() const { return m_unexpected; }
    int gaveUp() const { return m_gaveUp; }

    static constexpr int kRetryForMs = 90'000; // a request's answer is sought this long

    // The payment requests around a fault at `fault` ms: when the first one sent after it was
    // answered 2xx, and the answers in the 30 s after it; p99 of the requests' times from 10 s
    // before to 30 s after it.
    struct Figures
    {
        qint64 backMs = -1; // from the fault; -1: none yet
        int created = 0;
        int unavailable = 0;
        int unanswered = 0;
        qint64 p99Ms = -1;
    };
    Figures figures(qint64 fault) const
    {
        Figures f;
        QList<qint64> around;
        for (const Attempt &a : m_attempts) {
            const bool ok = a.status >= 200 && a.status < 300;
            if (ok && a.sentMs >= fault && (f.backMs < 0 || a.doneMs - fault < f.backMs))
                f.backMs = a.doneMs - fault;
            if (a.doneMs >= fault && a.doneMs < fault + 30'000) {
                f.created += ok;
                f.unavailable += a.status == 503;
                f.unanswered += a.status == 0;
            }
            if (a.sentMs >= fault - 10'000 && a.sentMs < fault + 30'000)
                around << a.doneMs - a.sentMs;
        }
        std::sort(around.begin(), around.end());
        if (!around.isEmpty())
            f.p99Ms = around[(around.size() * 99) / 100];
        return f;
    }

private:
    void nextOrder(int host)
    {
        if (m_stopping)
            return;
        const int n = m_next++;
        const QByteArray orderKey = QStringLiteral("o-%1-%2").arg(m_tag).arg(n).toUtf8();
        const QByteArray order = QJsonDocument(QJsonObject{{QStringLiteral("amount"), 5000 + n}})
                                     .toJson(QJsonDocument::Compact);
        ++m_open;
        send("/api/v1/orders", orderKey, order, host, now(), false,
             [this, n](int h, const QByteArray &body) {
                 const QString orderId =
                     QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toString();
                 pay(n, orderId, h);
             });
    }

    void pay(int n, const QString &orderId, int host)
    {
        const QByteArray key = QStringLiteral("p-%1-%2").arg(m_tag).arg(n).toUtf8();
        const QByteArray request =
            QJsonDocument(QJsonObject{{QStringLiteral("order_id"), orderId},
                                      {QStringLiteral("method"), QStringLiteral("upi")},
                                      {QStringLiteral("vpa"), QStringLiteral("a@b")}})
                .toJson(QJsonDocument::Compact);
        send("/api/v1/payments", key, request, host, now(), true,
             [this, key, request, orderId](int h, const QByteArray &body) {
                 m_paid.append(
                     {key, request, body,
                      QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toString(),
                      orderId});
                 --m_open;
                 nextOrder((h + 1) % int(m_bases.size()));
             });
    }

    template <typename Done>
    void send(const char *path, const QByteArray &key, const QByteArray &body, int host,
              qint64 firstSent, bool isPayment, Done done)
    {
        QNetworkRequest r(QUrl(m_bases[host] + QLatin1String(path)));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        r.setRawHeader("X-Api-Key", HttpClient::kTestKey);
        r.setRawHeader("X-Api-Secret", HttpClient::kTestSecret);
        r.setRawHeader("Idempotency-Key", key);
        r.setTransferTimeout(15'000);
        const qint64 sent = now();
        QNetworkReply *reply = m_nam.post(r, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [=, this] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray answer = reply->readAll();
            if (isPayment)
                m_attempts.append({sent, now(), status});
            if (status >= 200 && status < 300)
                return done(host, answer);
            if (status != 0 && status < 500 && status != 409) {
                m_unexpected << QStringLiteral("%1 %2 %3: %4")
                                    .arg(QLatin1String(path), QString::fromUtf8(key))
                                    .arg(status)
                                    .arg(QString::fromUtf8(answer));
                --m_open;
                return;
            }
            if (now() - firstSent > kRetryForMs) {
                ++m_gaveUp;
                --m_open;
                return;
            }
            const int nextHost = (host + 1) % int(m_bases.size());
            QTimer::singleShot(200, &m_nam, [=, this] {
                send(path, key, body, nextHost, firstSent, isPayment, done);
            });
        });
    }

    QStringList m_bases;
    QString m_tag;
    QNetworkAccessManager m_nam;
    QElapsedTimer m_clock;
    bool m_stopping = false;
    int m_next = 0;
    int m_open = 0;
    int m_gaveUp = 0;
    QList<Attempt> m_attempts;
    QList<Paid> m_paid;
    QStringList m_unexpected;
};

} // namespace gw::test
