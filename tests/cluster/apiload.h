#pragma once
// Payments and refunds through the API of every host, as clients that retry: each client makes an
// order and pays for it, and a refunder waits for each payment's outcome (the worker's) and then
// sends three refunds of 40 % of its amount at once, through three hosts, so that exactly two fit
// and an over-refund would show. Every POST carries its own Idempotency-Key and a request that got
// no answer, a 5xx or a 409 (the key's first request still running) is sent again with the same
// key to the next host until it is answered. Every payment attempt is recorded with its time and
// status, every payment with the body of its first 2xx answer, every refund with its first answer
// (201, or the 400 of the one that did not fit); figures() sums the payments up around a fault.
#include "support/httpclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <memory>

namespace gw::test {

class ApiLoad
{
public:
    enum class Kind { Order, Payment, Refund, Replay };
    struct Attempt
    {
        qint64 sentMs;
        qint64 doneMs;
        int status; // 0: no answer
        Kind kind;
        int host; // index into the base URLs
    };
    struct Paid
    {
        QByteArray key;
        QByteArray request;
        QByteArray firstAnswer;
        QString paymentId;
        QString orderId;
        qint64 amount = 0;
    };
    // One of a payment's three racing refunds, once answered.
    struct Refund
    {
        QString path;
        QByteArray key;
        QByteArray request;
        int status = 0; // 201, or 400: it did not fit
        QByteArray firstAnswer;
        QString refundId; // of a 201
        QString paymentId;
        qint64 amount = 0;
        int attempts = 0; // requests sent for it (above 1: retried)
    };
    static constexpr int kRacingRefunds = 3; // each of 40 % of the payment: two fit

    ApiLoad(QStringList baseUrls, QString tag) : m_bases(std::move(baseUrls)), m_tag(std::move(tag))
    {
    }

    void start(int clients)
    {
        m_clock.start();
        for (int i = 0; i < clients; ++i)
            nextOrder(i % int(m_bases.size()));
        m_refunder.setInterval(100);
        QObject::connect(&m_refunder, &QTimer::timeout, &m_nam, [this] { refundNext(); });
        m_refunder.start();
    }
    // No new orders and no new refunds; the sequences under way (a payment's three refunds
    // among them) finish, each within its retry deadline.
    void stop()
    {
        m_stopping = true;
        m_due.clear();
    }
    bool idle() const { return m_open == 0; }
    qint64 now() const { return m_clock.elapsed(); }

    const QList<Attempt> &attempts() const { return m_attempts; }
    const QList<Paid> &paid() const { return m_paid; }
    const QList<Refund> &refunds() const { return m_refunds; }
    const QStringList &unexpected() const { return m_unexpected; }
    int gaveUp() const { return m_gaveUp; }

    static constexpr int kRetryForMs = 90'000; // a request's answer is sought this long

    // Every POST (orders, payments, refunds) to host `host` answered in the `ms` after `fault`:
    // 2xx, 503 and none (given up by the client after its 15 s).
    QString answersOf(int host, qint64 fault, qint64 ms) const
    {
        int ok = 0, unavailable = 0, none = 0;
        for (const Attempt &a : m_attempts)
            if (a.host == host && a.doneMs >= fault && a.doneMs < fault + ms) {
                ok += a.status >= 200 && a.status < 300;
                unavailable += a.status == 503;
                none += a.status == 0;
            }
        return QStringLiteral("%1/%2/%3").arg(ok).arg(unavailable).arg(none);
    }

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
            if (a.kind != Kind::Payment)
                continue;
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

    // Every payment's and refund's request sent again with its key, all at once, each first
    // through another host than its turn and, like the clients, again until answered (a 503 or
    // no answer is no answer): replayed() once all are answered, differ() naming each key whose
    // answer is not its first answer byte for byte.
    void replayAll()
    {
        m_differ.clear();
        int n = 0;
        for (const Paid &p : m_paid)
            replay(QStringLiteral("/api/v1/payments"), p.key, p.request, 201, p.firstAnswer, n++);
        for (const Refund &r : m_refunds)
            replay(r.path, r.key, r.request, r.status, r.firstAnswer, n++);
    }
    bool replayed() const { return m_open == 0; }
    const QStringList &differ() const { return m_differ; }

private:
    void replay(const QString &path, const QByteArray &key, const QByteArray &body, int status,
                const QByteArray &first, int n)
    {
        ++m_open;
        send(path, key, body, (n + 1) % int(m_bases.size()), Kind::Replay,
             [=, this](int, int got, const QByteArray &answer) {
                 --m_open;
                 if (got != status || answer != first)
                     m_differ << QStringLiteral("%1 %2: %3")
                                     .arg(QString::fromUtf8(key))
                                     .arg(got)
                                     .arg(QString::fromUtf8(answer));
             });
    }

    // A reply's body; none when it timed out (it is closed then).
    static QByteArray bodyOf(QNetworkReply *reply)
    {
        return reply->isOpen() ? reply->readAll() : QByteArray();
    }

    using Answered = std::function<void(int host, int status, const QByteArray &body)>;
    struct Due // a payment waiting for its outcome before its refunds
    {
        Paid payment;
        qint64 askAtMs;
    };

    QString refusal(const QString &path, const QByteArray &key, int status, const QByteArray &body)
    {
        return QStringLiteral("%1 %2 %3: %4")
            .arg(path, QString::fromUtf8(key))
            .arg(status)
            .arg(QString::fromUtf8(body));
    }

    void nextOrder(int host)
    {
        if (m_stopping)
            return;
        const int n = m_next++;
        const QByteArray orderKey = QStringLiteral("o-%1-%2").arg(m_tag).arg(n).toUtf8();
        const qint64 amount = 5000 + n;
        const QByteArray order = QJsonDocument(QJsonObject{{QStringLiteral("amount"), amount}})
                                     .toJson(QJsonDocument::Compact);
        const QString path = QStringLiteral("/api/v1/orders");
        ++m_open;
        send(path, orderKey, order, host, Kind::Order,
             [=, this](int h, int status, const QByteArray &body) {
                 if (status != 201) {
                     m_unexpected << refusal(path, orderKey, status, body);
                     --m_open;
                     return;
                 }
                 pay(n,
                     QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toString(),
                     amount, h);
             });
    }

    void pay(int n, const QString &orderId, qint64 amount, int host)
    {
        const QByteArray key = QStringLiteral("p-%1-%2").arg(m_tag).arg(n).toUtf8();
        const QByteArray request =
            QJsonDocument(QJsonObject{{QStringLiteral("order_id"), orderId},
                                      {QStringLiteral("method"), QStringLiteral("upi")},
                                      {QStringLiteral("vpa"), QStringLiteral("a@b")}})
                .toJson(QJsonDocument::Compact);
        const QString path = QStringLiteral("/api/v1/payments");
        send(path, key, request, host, Kind::Payment,
             [=, this](int h, int status, const QByteArray &body) {
                 --m_open;
                 if (status != 201) {
                     m_unexpected << refusal(path, key, status, body);
                     return;
                 }
                 const Paid p{
                     key,
                     request,
                     body,
                     QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toString(),
                     orderId,
                     amount};
                 m_paid.append(p);
                 // The worker takes about a second (TEST_PROCESSING_DELAY) to decide it.
                 m_due.append({p, now() + 1000});
                 nextOrder((h + 1) % int(m_bases.size()));
             });
    }

    // The oldest payment due for a look: once the worker made it a success, its refunds race.
    void refundNext()
    {
        while (m_asking < 3 && !m_due.isEmpty() && m_due.first().askAtMs <= now())
            ask(m_due.takeFirst());
    }
    void ask(Due due)
    {
        ++m_asking;
        ++m_open;
        const int host = m_refundHost++ % int(m_bases.size());
        QNetworkRequest r(
            QUrl(m_bases[host] + QStringLiteral("/api/v1/payments/") + due.payment.paymentId));
        r.setRawHeader("X-Api-Key", HttpClient::kTestKey);
        r.setRawHeader("X-Api-Secret", HttpClient::kTestSecret);
        r.setTransferTimeout(5'000);
        QNetworkReply *reply = m_nam.get(r);
        QObject::connect(reply, &QNetworkReply::finished, reply, [=, this]() mutable {
            reply->deleteLater();
            --m_asking;
            --m_open;
            const QString status = QJsonDocument::fromJson(bodyOf(reply))
                                       .object()
                                       .value(QStringLiteral("status"))
                                       .toString();
            if (m_stopping)
                return;
            if (status == QStringLiteral("success"))
                return raceRefunds(due.payment);
            if (status == QStringLiteral("failed"))
                return; // nothing to refund (TEST_PAYMENT_SUCCESS decides; not the case here)
            due.askAtMs = now() + 500; // pending, or no answer: ask again later
            m_due.append(due);
        });
    }

    void raceRefunds(const Paid &p)
    {
        const QString path = QStringLiteral("/api/v1/payments/%1/refunds").arg(p.paymentId);
        const qint64 amount = p.amount * 2 / 5;
        const QByteArray request =
            QJsonDocument(QJsonObject{{QStringLiteral("amount"), amount},
                                      {QStringLiteral("reason"), QStringLiteral("cluster test")}})
                .toJson(QJsonDocument::Compact);
        for (int k = 0; k < kRacingRefunds; ++k) {
            const QByteArray key =
                QStringLiteral("r-%1-%2").arg(QString::fromUtf8(p.key)).arg(k).toUtf8();
            ++m_open;
            auto attempts = std::make_shared<int>(0);
            send(
                path, key, request, (m_refundHost + k) % int(m_bases.size()), Kind::Refund,
                [=, this](int, int status, const QByteArray &body) {
                    --m_open;
                    Refund r{path, key, request, status, body, {}, p.paymentId, amount, *attempts};
                    if (status == 201)
                        r.refundId = QJsonDocument::fromJson(body)
                                         .object()
                                         .value(QStringLiteral("id"))
                                         .toString();
                    else if (!(status == 400 && body.contains("exceeds the amount available")))
                        m_unexpected << refusal(path, key, status, body);
                    m_refunds.append(r);
                },
                attempts);
        }
    }

    // Sends until answered: `answered` gets the first answer that is not a 5xx, a 409 or none.
    void send(const QString &path, const QByteArray &key, const QByteArray &body, int host,
              Kind kind, Answered answered, std::shared_ptr<int> attempts = {},
              qint64 firstSent = -1)
    {
        QNetworkRequest r(QUrl(m_bases[host] + path));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        r.setRawHeader("X-Api-Key", HttpClient::kTestKey);
        r.setRawHeader("X-Api-Secret", HttpClient::kTestSecret);
        r.setRawHeader("Idempotency-Key", key);
        r.setTransferTimeout(15'000);
        const qint64 sent = now();
        if (firstSent < 0)
            firstSent = sent;
        if (attempts)
            ++*attempts;
        QNetworkReply *reply = m_nam.post(r, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [=, this] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray answer = bodyOf(reply);
            if (kind != Kind::Replay)
                m_attempts.append({sent, now(), status, kind, host});
            if (status != 0 && status < 500 && status != 409)
                return answered(host, status, answer);
            if (now() - firstSent > kRetryForMs) {
                ++m_gaveUp;
                --m_open;
                return;
            }
            const int nextHost = (host + 1) % int(m_bases.size());
            QTimer::singleShot(200, &m_nam, [=, this] {
                send(path, key, body, nextHost, kind, answered, attempts, firstSent);
            });
        });
    }

    QStringList m_bases;
    QString m_tag;
    QNetworkAccessManager m_nam;
    QElapsedTimer m_clock;
    QTimer m_refunder;
    bool m_stopping = false;
    int m_asking = 0; // looks at payments under way
    int m_next = 0;
    int m_open = 0;
    int m_gaveUp = 0;
    int m_refundHost = 0;
    QList<Attempt> m_attempts;
    QList<Paid> m_paid;
    QList<Due> m_due;
    QList<Refund> m_refunds;
    QStringList m_unexpected;
    QStringList m_differ;
};

} // namespace gw::test
