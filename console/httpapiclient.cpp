#include "console/httpapiclient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace gw::console {

HttpApiClient::HttpApiClient(QObject *parent) : ApiClient(parent) {}

void HttpApiClient::transmit(const ApiRequest &call, Callback finished)
{
    const bool get = call.verb == "GET";
    QUrl url = baseUrl();
    url.setPath(baseUrl().path() + call.path);
    if (!call.query.isEmpty())
        url.setQuery(call.query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Api-Key", apiKey().toUtf8());
    request.setRawHeader("X-Api-Secret", apiSecret().toUtf8());
    if (!get)
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    const QByteArray body =
        get ? QByteArray() : QJsonDocument(call.body).toJson(QJsonDocument::Compact);

    QNetworkReply *reply = m_nam.sendCustomRequest(request, call.verb, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, finished = std::move(finished)] {
        reply->deleteLater();
        finished(toResponse(reply));
    });
}

ApiResponse HttpApiClient::toResponse(QNetworkReply *reply) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    ApiResponse r = ApiResponse::answered(status, QJsonDocument::fromJson(reply->readAll()));
    if (r.ok())
        return r;
    if (r.status == 0) {
        r.errorCode = QStringLiteral("NETWORK_ERROR");
        const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                ? tr("no answer within %1 s").arg(m_timeoutMs / 1000)
                                : reply->errorString();
        r.errorDescription =
            tr("Cannot reach the API at %1: %2").arg(baseUrl().toDisplayString(), why);
        return r;
    }
    if (r.errorDescription.isEmpty())
        r.errorDescription =
            tr("The API answered HTTP %1 to %2").arg(r.status).arg(reply->url().path());
    return r;
}

} // namespace gw::console
