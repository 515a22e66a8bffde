#include "support/httpclient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

namespace gw::test {

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray HttpResponse::jsonArray() const
{
    return QJsonDocument::fromJson(body).array();
}

QString HttpResponse::errorCode() const
{
    return json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

HttpClient::HttpClient(QString baseUrl) : m_base(std::move(baseUrl))
{
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void HttpClient::setCredentials(const QByteArray &key, const QByteArray &secret)
{
    m_key = key;
    m_secret = secret;
}

void HttpClient::clearCredentials()
{
    m_key.clear();
    m_secret.clear();
}

HttpResponse HttpClient::get(const QString &path, const Headers &headers)
{
    return send("GET", path, {}, headers);
}

HttpResponse HttpClient::post(const QString &path, const QJsonObject &body, const Headers &headers)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResponse HttpClient::put(const QString &path, const QJsonObject &body, const Headers &headers)
{
    return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResponse HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                              const Headers &headers, int timeoutMs)
{
    QNetworkRequest request(QUrl(m_base + path));
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (!m_key.isEmpty())
        request.setRawHeader("X-Api-Key", m_key);
    if (!m_secret.isEmpty())
        request.setRawHeader("X-Api-Secret", m_secret);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);

    QBuffer *buffer = nullptr;
    if (!body.isEmpty() || method != "GET") {
        buffer = new QBuffer;
        buffer->setData(body);
        buffer->open(QIODevice::ReadOnly);
    }
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, buffer);
    if (buffer)
        buffer->setParent(reply);

    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, reply, &QNetworkReply::abort);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();

    HttpResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        r.headers.append(pair);
    if (reply->error() != QNetworkReply::NoError && r.status == 0)
        r.networkError = reply->errorString();
    reply->deleteLater();
    return r;
}

QString newOrder(const QString &baseUrl, qint64 amount)
{
    return HttpClient(baseUrl)
        .post(QStringLiteral("/api/v1/orders"), {{QStringLiteral("amount"), amount}})
        .json()
        .value(QStringLiteral("id"))
        .toString();
}

} // namespace gw::test
