#pragma once
// Payments through one URL (the cluster's HAProxy) the way a careful merchant sends them: each of
// `clients` loops creating an order, then its payment, every POST with an Idempotency-Key, and a
// request that fails (no answer, a 5xx) is sent again with the same key until it is answered.
// Every attempt is recorded with its wall-clock times (ms since the epoch, comparable with the
// database's timestamps), so a fault's cost is read off afterwards: the failed attempts, the first
// 2xx after it, the latencies around it.
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>

namespace gw::test {

struct Attempt
{
    qint64 sentMs = 0;
    qint64 doneMs = 0;
    int status = 0; // 0: no HTTP answer
    QString error;  // a failed one's: the error code answered, or why there was no answer
    bool failed() const { return status == 0 || status >= 500; }
};

class PaymentLoad : public QObject
{
    Q_OBJECT
public:
    // A client gives up on an attempt after `attemptTimeoutMs` (and sends it again).
    PaymentLoad(QString baseUrl, int clients, int attemptTimeoutMs = kAttemptTimeoutMs);
    static constexpr int kAttemptTimeoutMs = 5'000;
    void start();
    // No new payment is begun; waits (at most `timeoutMs`) for those under way to be answered,
    // then gives up on any still failing (each becomes a problem).
    void stop(int timeoutMs = 30'000);

    static qint64 now();
    const QList<Attempt> &attempts() const { return m_attempts; }
    // The payments answered 201, and any answer that should never come (a 4xx).
    const QStringList &payments() const { return m_payments; }
    const QStringList &problems() const { return m_problems; }

    int failedBetween(qint64 from, qint64 to) const;
    // From the first failed attempt sent at or after `from` to the end of the last one; 0: none.
    qint64 failingSpanAfter(qint64 from) const;
    // The first 2xx answer to an attempt sent at or after `t`; -1: none yet.
    qint64 firstSuccessAfter(qint64 t) const;
    // The 99th percentile latency of the attempts sent in [from, to), in ms.
    qint64 p99(qint64 from, qint64 to) const;
    // The failed attempts sent at or after `from`, grouped by what they got back: "N × status
    // error (sent +a..+b s after `from`, each answered after c..d ms)", one group a line.
    QStringList failuresAfter(qint64 from) const;
    // How many attempts sent at or after `from` took longer than `ms`.
    int slowerThan(qint64 from, qint64 ms) const;
    // The longest attempt still under way at `from` or sent before `to`, in ms.
    qint64 longestInFlight(qint64 from, qint64 to) const;

private:
    void begin(int client);
    void send(int client, const QString &path, const QJsonObject &body, const QByteArray &key);
    void answered(int client, const QString &path, const QJsonObject &body, const QByteArray &key,
                  int status, const QJsonObject &json);

    QNetworkAccessManager m_nam;
    QString m_base;
    int m_clients;
    int m_attemptTimeoutMs;
    int m_busy = 0;
    bool m_stopping = false;
    bool m_abandoned = false;
    QList<Attempt> m_attempts;
    QStringList m_payments;
    QStringList m_problems;
};

} // namespace gw::test
