#include "checkoutwebserver.h"

#include "core/logging.h"
#include "httpguard/guardedtcpserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QUrl>

namespace gw::checkout {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;

QByteArray htmlAttribute(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

QByteArray originOf(const QString &url)
{
    return QUrl(url)
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString()
        .toUtf8();
}

QHash<QByteArray, QByteArray> substitutions(const Config &config)
{
    return {
        {QByteArrayLiteral("{{API_PUBLIC_URL}}"), htmlAttribute(config.apiPublicUrl)},
        {QByteArrayLiteral("{{CHECKOUT_PUBLIC_URL}}"), htmlAttribute(config.checkoutPublicUrl)},
        {QByteArrayLiteral("{{TEST_MODE}}"),
         config.testMode ? QByteArrayLiteral("true") : QByteArrayLiteral("false")},
    };
}

void addCommonHeaders(QHttpServerResponse &r)
{
    r.addHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    r.addHeader(QByteArrayLiteral("Referrer-Policy"),
                QByteArrayLiteral("strict-origin-when-cross-origin"));
}

void notFound(QHttpServerResponder &&responder)
{
    QHttpServerResponse r(QByteArrayLiteral("text/plain; charset=utf-8"),
                          QByteArrayLiteral("Not found\n"), StatusCode::NotFound);
    addCommonHeaders(r);
    r.write(std::move(responder));
}

} // namespace

CheckoutWebServer::CheckoutWebServer(const Config &config, const QString &apiInternalUrl,
                                     QObject *parent)
    : QObject(parent), m_site(QStringLiteral(":/web"), substitutions(config)),
      m_limits(http::GuardLimits::fromConfig(config))
{
    if (config.testMode) {
        m_demo = std::make_unique<DemoOrders>(apiInternalUrl);
        m_http.route(QStringLiteral("/demo/order"), QHttpServerRequest::Method::Post,
                     [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                         m_demo->create(request, std::move(responder));
                     });
    }
    // Pages may only talk to their own origin and the API; the checkout page is meant to be framed
    // by any merchant, so there is no frame-ancestors limit.
    const QByteArray csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' " +
        originOf(config.apiPublicUrl) + "; frame-src 'self'; base-uri 'none'; form-action 'self'";
    m_http.setMissingHandler([this, csp](const QHttpServerRequest &request,
                                         QHttpServerResponder &&responder) {
        const auto method = request.method();
        if (method != QHttpServerRequest::Method::Get &&
            method != QHttpServerRequest::Method::Head) {
            notFound(std::move(responder));
            return;
        }
        const StaticFile *file = m_site.find(request.url().path(QUrl::FullyDecoded));
        if (!file) {
            notFound(std::move(responder));
            return;
        }
        const bool fresh = request.value("If-None-Match") == file->etag;
        QHttpServerResponse r = fresh ? QHttpServerResponse(StatusCode::NotModified)
                                      : QHttpServerResponse(file->contentType, file->body);
        addCommonHeaders(r);
        r.addHeader(QByteArrayLiteral("Cache-Control"), file->cacheControl);
        r.addHeader(QByteArrayLiteral("ETag"), file->etag);
        if (file->html)
            r.addHeader(QByteArrayLiteral("Content-Security-Policy"), csp);
        else // checkout.js is loaded by every merchant's pages
            r.addHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), QByteArrayLiteral("*"));
        r.write(std::move(responder));
    });
}

quint16 CheckoutWebServer::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new http::GuardedTcpServer(m_limits, {}, this);
    if (!tcp->listenOn(address, port)) {
        m_error = tcp->failure();
        delete tcp;
        return 0;
    }
    m_http.bind(tcp);
    qCInfo(lcHttp) << "checkout-web serving" << m_site.size() << "paths";
    return tcp->serverPort();
}

} // namespace gw::checkout
