#pragma once
// ApiClient: the console's only way to the gateway, as an interface the pages and models take.
// Calls are asynchronous and carry the merchant's key and secret; answers come back as ApiResponse
// to a callback that is dropped when its context object is gone, so a closed page never receives
// a late reply. The bookkeeping (requests sent and in flight, the busy and failure signals) is
// here once; a subclass only carries one request to the gateway and back: HttpApiClient over
// HTTP, the tests' FakeGateway in process.
#include "console/apiresponse.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

namespace gw::console {

// One call as the pages make it; `body` is sent for POST and PUT.
struct ApiRequest
{
    QByteArray verb; // "GET", "POST" or "PUT"
    QString path;    // relative to the base URL, e.g. "/api/v1/payments"
    QUrlQuery query;
    QJsonObject body;
};

class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResponse &)>;

    explicit ApiClient(QObject *parent = nullptr);

    void setConnection(const QUrl &baseUrl, const QString &key, const QString &secret);
    QUrl baseUrl() const { return m_base; }
    QString apiKey() const { return m_key; }

    void get(const QString &path, const QUrlQuery &query, QObject *context, Callback done);
    void post(const QString &path, const QJsonObject &body, QObject *context, Callback done);
    void put(const QString &path, const QJsonObject &body, QObject *context, Callback done);

    int requestsInFlight() const { return m_inFlight; }
    // Counts every request sent; tests use it to check that a refused action sent nothing.
    int requestsSent() const { return m_sent; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void requestFailed(const gw::console::ApiResponse &response);

protected:
    // Carries one request and calls `finished` exactly once with the answer, from the event loop
    // (never before transmit returns), as long as this client lives.
    virtual void transmit(const ApiRequest &request, Callback finished) = 0;
    QString apiSecret() const { return m_secret; }

private:
    void send(ApiRequest request, QObject *context, Callback done);

    QUrl m_base;
    QString m_key;
    QString m_secret;
    int m_inFlight = 0;
    int m_sent = 0;
};

} // namespace gw::console
