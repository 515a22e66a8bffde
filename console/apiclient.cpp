#include "console/apiclient.h"

#include <QPointer>

namespace gw::console {

ApiClient::ApiClient(QObject *parent) : QObject(parent) {}

void ApiClient::setConnection(const QUrl &baseUrl, const QString &key, const QString &secret)
{
    m_base = baseUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    m_key = key;
    m_secret = secret;
}

void ApiClient::get(const QString &path, const QUrlQuery &query, QObject *context, Callback done)
{
    send({"GET", path, query, {}}, context, std::move(done));
}

void ApiClient::post(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    send({"POST", path, {}, body}, context, std::move(done));
}

void ApiClient::put(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    send({"PUT", path, {}, body}, context, std::move(done));
}

void ApiClient::send(ApiRequest request, QObject *context, Callback done)
{
    ++m_sent;
    if (m_inFlight++ == 0)
        Q_EMIT busyChanged(true);
    QPointer<QObject> guard(context);
    transmit(request, [this, guard, done = std::move(done)](const ApiResponse &response) {
        if (--m_inFlight == 0)
            Q_EMIT busyChanged(false);
        if (!response.ok())
            Q_EMIT requestFailed(response);
        if (guard && done)
            done(response);
    });
}

} // namespace gw::console
