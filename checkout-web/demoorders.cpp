#include "demoorders.h"

#include "core/apierror.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QPointer>
#include <QTcpSocket>
#include <memory>

namespace gw::checkout {

using namespace Qt::StringLiterals;

namespace {

using StatusCode = QHttpServerResponder::StatusCode;

QHttpServerResponse jsonReply(const QJsonObject &body, StatusCode status)
{
    QHttpServerResponse r(QByteArrayLiteral("application/json"),
                          QJsonDocument(body).toJson(QJsonDocument::Compact), status);
    r.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return r;
}

QHttpServerResponse errorReply(const ApiError &e, StatusCode status)
{
    return jsonReply(e.toJson(), status);
}

constexpr qint64 kMinAmount = 100;
constexpr qint64 kMaxAmount = 10'000'000; // ₹1,00,000: plenty for a demo

} // namespace

DemoOrders::DemoOrders(QString apiBaseUrl, QObject *parent)
    : QObject(parent), m_api(std::move(apiBaseUrl))
{
}

void DemoOrders::create(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    // JSON only: a cross-site form cannot send it without a CORS preflight, which we never allow.
    if (!request.value("Content-Type").toLower().startsWith("application/json")) {
        errorReply(ApiError::badRequest(QStringLiteral("Send the order as application/json")),
                   StatusCode::UnsupportedMediaType)
            .write(std::move(responder));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    const QJsonValue amountValue = doc.object().value(u"amount");
    const double amount = amountValue.isUndefined() ? 50000 : amountValue.toDouble(-1);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() ||
        amount != qint64(amount) || amount < kMinAmount || amount > kMaxAmount) {
        errorReply(ApiError::badRequest(
                       QStringLiteral("amount must be a whole number of paise from %1 to %2")
                           .arg(kMinAmount)
                           .arg(kMaxAmount),
                       QStringLiteral("amount")),
                   StatusCode::BadRequest)
            .write(std::move(responder));
        return;
    }

    QNetworkRequest call(QUrl(m_api + QStringLiteral("/api/v1/orders")));
    call.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    call.setRawHeader("X-Api-Key", kTestKey);
    call.setRawHeader("X-Api-Secret", kTestSecret);
    call.setTransferTimeout(10'000);
    const QJsonObject order{
        {u"amount"_s, qint64(amount)},
        {u"currency"_s, u"INR"_s},
        {u"receipt"_s, QStringLiteral("demo_%1").arg(QDateTime::currentMSecsSinceEpoch())},
        {u"notes"_s, QJsonObject{{u"source"_s, u"checkout-web demo page"_s}}}};
    QNetworkReply *reply = m_nam.post(call, QJsonDocument(order).toJson(QJsonDocument::Compact));

    // Qt 6.4 crashes on a reply written to a socket that has gone: hold the responder with a guard
    // on its socket and write only if the socket is still there (this thread owns both).
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket(pending->socket());
    connect(reply, &QNetworkReply::finished, this, [reply, pending, socket, api = m_api] {
        reply->deleteLater();
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 0) {
            errorReply(ApiError::unavailable(QStringLiteral("The API at %1 did not answer: %2")
                                                 .arg(api, reply->errorString())),
                       StatusCode::BadGateway)
                .write(std::move(*pending));
            return;
        }
        if (status != 201 || !body.value(u"id").isString()) {
            // The API's own error body, passed on as it came.
            jsonReply(body, StatusCode::BadGateway).write(std::move(*pending));
            return;
        }
        jsonReply({{u"order_id"_s, body.value(u"id")},
                   {u"amount"_s, body.value(u"amount")},
                   {u"currency"_s, body.value(u"currency")},
                   {u"key"_s, QString::fromLatin1(kTestKey)}},
                  StatusCode::Created)
            .write(std::move(*pending));
    });
}

} // namespace gw::checkout
