#include "server/http/routetable.h"

#include "server/http/dispatch.h"
#include "server/http/metrics.h"
#include "server/http/pendingreply.h"

#include <QElapsedTimer>
#include <QSet>
#include <QUrl>

namespace gw::http {

namespace {
QByteArray checkoutOrigin(const Config &config)
{
    const QUrl url(config.checkoutPublicUrl);
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::StripTrailingSlash)
        .toString()
        .toUtf8();
}

void addCors(QHttpServerResponse &response, const Config &config)
{
    response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), checkoutOrigin(config));
    response.setHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
    response.setHeader(QByteArrayLiteral("Access-Control-Expose-Headers"),
                       QByteArrayLiteral("Idempotent-Replayed"));
}

QHttpServerResponse preflight(const Config &config)
{
    QHttpServerResponse r(QHttpServerResponse::StatusCode::NoContent);
    addCors(r, config);
    r.setHeader(QByteArrayLiteral("Access-Control-Allow-Methods"),
                QByteArrayLiteral("GET, POST, OPTIONS"));
    r.setHeader(QByteArrayLiteral("Access-Control-Allow-Headers"),
                QByteArrayLiteral("Content-Type, X-Api-Key, Idempotency-Key"));
    r.setHeader(QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600"));
    return r;
}

// Answers now, or holds the connection until the answer comes (on this thread, later).
void serve(const Route &route, const QString &name, ServerContext &ctx,
           const QHttpServerRequest &request, const QString &id, QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();
    auto reply = std::make_shared<PendingReply>(std::move(responder));
    const bool cors = route.access == Access::PublicKey;
    dispatch(route, ctx, request, id,
             [reply, cors, name, timer, &ctx](QHttpServerResponse &&response) {
                 if (cors)
                     addCors(response, ctx.config);
                 if (ctx.draining) // the guard closes the connection once this is out
                     response.setHeader(QByteArrayLiteral("Connection"), "close");
                 if (ctx.metrics)
                     ctx.metrics->record(name, int(response.statusCode()),
                                         double(timer.nsecsElapsed()) / 1e9);
                 reply->send(response);
             });
    if (!reply->sent())
        reply->hold();
}

QString qtPattern(const QString &path)
{
    QString p = path;
    return p.replace(QStringLiteral("{id}"), QStringLiteral("<arg>"));
}
} // namespace

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

void RouteTable::add(Route route)
{
    Q_ASSERT(!route.summary.isEmpty());
    m_routes.append(std::move(route));
}

void RouteTable::install(QHttpServer &server, ServerContext &ctx) const
{
    QSet<QString> preflighted;
    for (const Route &route : m_routes) {
        const QString name = methodName(route.method) + u' ' + route.path;
        const QString pattern = qtPattern(route.path);
        if (pattern.contains(QStringLiteral("<arg>")))
            server.route(pattern, route.method,
                         [route, name, &ctx](const QString &id, const QHttpServerRequest &request,
                                             QHttpServerResponder &&responder) {
                             serve(route, name, ctx, request, id, std::move(responder));
                         });
        else
            server.route(pattern, route.method,
                         [route, name, &ctx](const QHttpServerRequest &request,
                                             QHttpServerResponder &&responder) {
                             serve(route, name, ctx, request, {}, std::move(responder));
                         });
        if (route.access != Access::PublicKey || preflighted.contains(pattern))
            continue;
        preflighted.insert(pattern);
        if (pattern.contains(QStringLiteral("<arg>")))
            server.route(pattern, QHttpServerRequest::Method::Options,
                         [&ctx](const QString &, const QHttpServerRequest &) {
                             return preflight(ctx.config);
                         });
        else
            server.route(pattern, QHttpServerRequest::Method::Options,
                         [&ctx](const QHttpServerRequest &) { return preflight(ctx.config); });
    }
}

} // namespace gw::http
