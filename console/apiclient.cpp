#include "console/apiclient.h"
#include "console/apifields.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

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
    send("GET", path, query, {}, context, std::move(done));
}

void ApiClient::post(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    send("POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), context,
         std::move(done));
}

void ApiClient::put(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    send("PUT", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), context,
         std::move(done));
}

void ApiClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                     const QByteArray &body, QObject *context, Callback done)
{
    QUrl url = m_base;
    url.setPath(m_base.path() + path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Api-Key", m_key.toUtf8());
    request.setRawHeader("X-Api-Secret", m_secret.toUtf8());
    if (!body.isEmpty() || verb != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));

    QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
    ++m_sent;
    if (m_inFlight++ == 0)
        Q_EMIT busyChanged(true);
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, done = std::move(done)] {
        reply->deleteLater();
        const ApiResponse response = toResponse(reply);
        if (--m_inFlight == 0)
            Q_EMIT busyChanged(false);
        if (!response.ok())
            Q_EMIT requestFailed(response);
        if (guard && done)
            done(response);
    });
}

ApiResponse ApiClient::toResponse(QNetworkReply *reply) const
{
    ApiResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray raw = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    r.body = doc.object();
    r.array = doc.array();
    if (r.ok())
        return r;
    if (r.status == 0) {
        r.errorCode = QStringLiteral("NETWORK_ERROR");
        const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                ? tr("no answer within %1 s").arg(m_timeoutMs / 1000)
                                : reply->errorString();
        r.errorDescription =
            tr("Cannot reach the API at %1: %2").arg(m_base.toDisplayString(), why);
        return r;
    }
    const QJsonObject error = r.body.value(api::field::error).toObject();
    r.errorCode = error.value(api::field::code).toString();
    r.errorDescription = error.value(api::field::description).toString();
    if (r.errorDescription.isEmpty())
        r.errorDescription =
            tr("The API answered HTTP %1 to %2").arg(r.status).arg(reply->url().path());
    if (const QString f = error.value(api::field::fieldName).toString(); !f.isEmpty())
        r.errorDescription += tr(" (field: %1)").arg(f);
    return r;
}

} // namespace gw::console
