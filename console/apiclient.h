#pragma once
// ApiClient: the console's only way to the gateway. Asynchronous calls on one
// QNetworkAccessManager, carrying the merchant's key and secret; answers come back as ApiResponse
// to a callback that is dropped when its context object is gone, so a closed page never receives a
// late reply.
#include "console/apiresponse.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

namespace gw::console {

class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResponse &)>;

    explicit ApiClient(QObject *parent = nullptr);

    void setConnection(const QUrl &baseUrl, const QString &key, const QString &secret);
    QUrl baseUrl() const { return m_base; }
    QString apiKey() const { return m_key; }
    void setTimeout(int ms) { m_timeoutMs = ms; }

    void get(const QString &path, const QUrlQuery &query, QObject *context, Callback done);
    void post(const QString &path, const QJsonObject &body, QObject *context, Callback done);
    void put(const QString &path, const QJsonObject &body, QObject *context, Callback done);

    int requestsInFlight() const { return m_inFlight; }
    // Counts every request sent; tests use it to check that a refused action sent nothing.
    int requestsSent() const { return m_sent; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void requestFailed(const gw::console::ApiResponse &response);

private:
    void send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
              const QByteArray &body, QObject *context, Callback done);
    ApiResponse toResponse(QNetworkReply *reply) const;

    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_key;
    QString m_secret;
    int m_timeoutMs = 15000;
    int m_inFlight = 0;
    int m_sent = 0;
};

} // namespace gw::console
