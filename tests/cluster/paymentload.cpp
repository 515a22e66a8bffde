#include "paymentload.h"

#include "support/eventually.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMap>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>
#include <algorithm>

namespace gw::test {

namespace {
constexpr int kRetryPauseMs = 100;
} // namespace

PaymentLoad::PaymentLoad(QString baseUrl, int clients, int attemptTimeoutMs)
    : m_base(std::move(baseUrl)), m_clients(clients), m_attemptTimeoutMs(attemptTimeoutMs)
{
}

qint64 PaymentLoad::now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void PaymentLoad::start()
{
    m_stopping = false;
    for (int i = 0; i < m_clients; ++i)
        begin(i);
}

void PaymentLoad::stop(int timeoutMs)
{
    m_stopping = true;
    eventually([this] { return m_busy == 0; }, timeoutMs);
    m_abandoned = true; // what is still failing is retried no more
}

void PaymentLoad::begin(int client)
{
    if (m_stopping)
        return;
    ++m_busy;
    send(client, QStringLiteral("/api/v1/orders"), {{QStringLiteral("amount"), 10000}},
         QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
}

void PaymentLoad::send(int client, const QString &path, const QJsonObject &body,
                       const QByteArray &key)
{
    QNetworkRequest request(QUrl(m_base + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Api-Key", "key_test_abc123");
    request.setRawHeader("X-Api-Secret", "secret_test_xyz789");
    request.setRawHeader("Idempotency-Key", key);
    request.setTransferTimeout(m_attemptTimeoutMs);
    const qint64 sent = now();
    QNetworkReply *reply = m_nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [=, this] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        const QString error = status == 0 ? reply->errorString()
                                          : json.value(QStringLiteral("error"))
                                                .toObject()
                                                .value(QStringLiteral("code"))
                                                .toString();
        m_attempts.append({sent, now(), status, error});
        answered(client, path, body, key, status, json);
    });
}

void PaymentLoad::answered(int client, const QString &path, const QJsonObject &body,
                           const QByteArray &key, int status, const QJsonObject &json)
{
    if (status == 0 || status >= 500) { // the same request again, with its key
        if (m_abandoned) {
            m_problems << QStringLiteral("%1 never answered after the load stopped").arg(path);
            --m_busy;
            return;
        }
        QTimer::singleShot(kRetryPauseMs, this, [=, this] { send(client, path, body, key); });
        return;
    }
    if (status != 201) {
        m_problems << QStringLiteral("%1 answered %2: %3")
                          .arg(path)
                          .arg(status)
                          .arg(QString::fromUtf8(QJsonDocument(json).toJson()));
        --m_busy;
        begin(client);
        return;
    }
    if (path.endsWith(QStringLiteral("/orders"))) {
        send(client, QStringLiteral("/api/v1/payments"),
             {{QStringLiteral("order_id"), json.value(QStringLiteral("id"))},
              {QStringLiteral("method"), QStringLiteral("upi")},
              {QStringLiteral("vpa"), QStringLiteral("shopper@okaxis")}},
             QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
        return;
    }
    m_payments << json.value(QStringLiteral("id")).toString();
    --m_busy;
    begin(client);
}

int PaymentLoad::failedBetween(qint64 from, qint64 to) const
{
    return int(std::count_if(m_attempts.begin(), m_attempts.end(), [&](const Attempt &a) {
        return a.failed() && a.sentMs >= from && a.sentMs < to;
    }));
}

qint64 PaymentLoad::failingSpanAfter(qint64 from) const
{
    qint64 first = -1, last = -1;
    for (const Attempt &a : m_attempts)
        if (a.failed() && a.sentMs >= from) {
            first = first < 0 ? a.sentMs : std::min(first, a.sentMs);
            last = std::max(last, a.doneMs);
        }
    return first < 0 ? 0 : last - first;
}

qint64 PaymentLoad::firstSuccessAfter(qint64 t) const
{
    qint64 best = -1;
    for (const Attempt &a : m_attempts)
        if (!a.failed() && a.sentMs >= t && (best < 0 || a.doneMs < best))
            best = a.doneMs;
    return best;
}

qint64 PaymentLoad::p99(qint64 from, qint64 to) const
{
    QList<qint64> latencies;
    for (const Attempt &a : m_attempts)
        if (a.sentMs >= from && a.sentMs < to)
            latencies << a.doneMs - a.sentMs;
    if (latencies.isEmpty())
        return 0;
    std::sort(latencies.begin(), latencies.end());
    return latencies.at(std::min(latencies.size() - 1, latencies.size() * 99 / 100));
}

QStringList PaymentLoad::failuresAfter(qint64 from) const
{
    struct Group
    {
        int count = 0;
        qint64 firstSent = 0, lastSent = 0, shortest = 0, longest = 0;
    };
    QMap<QString, Group> groups;
    for (const Attempt &a : m_attempts) {
        if (!a.failed() || a.sentMs < from)
            continue;
        Group &g = groups[QStringLiteral("%1 %2").arg(a.status).arg(a.error)];
        const qint64 took = a.doneMs - a.sentMs;
        if (g.count++ == 0)
            g = {1, a.sentMs, a.sentMs, took, took};
        g.firstSent = std::min(g.firstSent, a.sentMs);
        g.lastSent = std::max(g.lastSent, a.sentMs);
        g.shortest = std::min(g.shortest, took);
        g.longest = std::max(g.longest, took);
    }
    QStringList lines;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        lines << QStringLiteral("%1 × %2 (sent +%3..+%4 s, each answered after %5..%6 ms)")
                     .arg(it->count)
                     .arg(it.key())
                     .arg(double(it->firstSent - from) / 1000, 0, 'f', 1)
                     .arg(double(it->lastSent - from) / 1000, 0, 'f', 1)
                     .arg(it->shortest)
                     .arg(it->longest);
    return lines;
}

int PaymentLoad::slowerThan(qint64 from, qint64 ms) const
{
    return int(std::count_if(m_attempts.begin(), m_attempts.end(), [&](const Attempt &a) {
        return a.sentMs >= from && a.doneMs - a.sentMs > ms;
    }));
}

qint64 PaymentLoad::longestInFlight(qint64 from, qint64 to) const
{
    qint64 longest = 0;
    for (const Attempt &a : m_attempts)
        if (a.doneMs >= from && a.sentMs < to)
            longest = std::max(longest, a.doneMs - a.sentMs);
    return longest;
}

} // namespace gw::test
