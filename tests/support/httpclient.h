#pragma once
// A small synchronous HTTP client for integration tests (QNetworkAccessManager under a local
// event loop), carrying the test merchant's credentials unless told otherwise.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

namespace gw::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpResponse
{
    int status = 0; // 0: no HTTP response (connection refused, timeout…)
    QByteArray body;
    Headers headers;
    QString networkError;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
    QJsonArray jsonArray() const;
    // The error code of a contract error body, e.g. "BAD_REQUEST_ERROR".
    QString errorCode() const;
};

class HttpClient
{
public:
    static constexpr const char *kTestKey = "key_test_abc123";
    static constexpr const char *kTestSecret = "secret_test_xyz789";

    explicit HttpClient(QString baseUrl);
    void setCredentials(const QByteArray &key, const QByteArray &secret);
    void clearCredentials();

    HttpResponse get(const QString &path, const Headers &headers = {});
    HttpResponse post(const QString &path, const QJsonObject &body, const Headers &headers = {});
    HttpResponse put(const QString &path, const QJsonObject &body, const Headers &headers = {});
    HttpResponse send(const QByteArray &method, const QString &path, const QByteArray &body,
                      const Headers &headers = {}, int timeoutMs = 30000);

private:
    QNetworkAccessManager m_nam;
    QString m_base;
    QByteArray m_key = kTestKey;
    QByteArray m_secret = kTestSecret;
};

// A new order of `amount` paise of the test merchant, made through the API at `baseUrl`; its id,
// empty when the API refused it. An order takes one live payment: a test that pays makes its own.
QString newOrder(const QString &baseUrl, qint64 amount = 10000);

} // namespace gw::test
