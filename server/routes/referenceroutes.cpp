// GET /docs: the interactive API reference, Swagger UI (npm swagger-ui-dist, compiled in as Qt
// resources at build time, so nothing is fetched from elsewhere) reading our openapi.json. In
// test mode the test merchant's credentials are filled in, so "Try it out" works at once.
#include "server/routes/apiroutes.h"

#include <QFile>
#include <QJsonDocument>

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

// The files of the page, as bundled by server/CMakeLists.txt.
const QMap<QString, QByteArray> &assets()
{
    static const QMap<QString, QByteArray> types{
        {QStringLiteral("swagger-ui-bundle.js"),
         QByteArrayLiteral("application/javascript; charset=utf-8")},
        {QStringLiteral("swagger-ui.css"), QByteArrayLiteral("text/css; charset=utf-8")},
        {QStringLiteral("favicon-32x32.png"), QByteArrayLiteral("image/png")},
    };
    return types;
}

Reply file(const QByteArray &type, const QByteArray &body)
{
    Reply r;
    r.rawBody = body;
    r.contentType = type;
    return r;
}

QByteArray resource(const QString &name)
{
    QFile f(QStringLiteral(":/docs/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Result<Reply> page(const Call &call)
{
    QByteArray html = resource(QStringLiteral("index.html"));
    if (html.isEmpty())
        return ApiError::server(QStringLiteral("The API reference is not bundled in this build"));
    if (call.ctx.config.testMode) {
        // The seeded test merchant of the contract (SPEC.md); never outside test mode.
        const QJsonObject prefill{{QStringLiteral("key"), QStringLiteral("key_test_abc123")},
                                  {QStringLiteral("secret"), QStringLiteral("secret_test_xyz789")}};
        html.replace("/*PREFILL*/null", QJsonDocument(prefill).toJson(QJsonDocument::Compact));
    }
    return file(QByteArrayLiteral("text/html; charset=utf-8"), html);
}

Result<Reply> asset(const Call &call)
{
    const auto type = assets().constFind(call.id);
    if (type == assets().constEnd())
        return ApiError::notFound(QStringLiteral("No such file in the API reference"));
    const QByteArray body = resource(call.id);
    if (body.isEmpty())
        return ApiError::server(QStringLiteral("The API reference is not bundled in this build"));
    return file(type.value(), body);
}
} // namespace

void addReferenceRoutes(RouteTable &t)
{
    t.add({Method::Get,
           QStringLiteral("/docs"),
           QStringLiteral("Interactive API reference (Swagger UI over this openapi.json, served "
                          "offline; no auth)"),
           Access::None,
           Mode::Read,
           page,
           {}});
    t.add({Method::Get,
           QStringLiteral("/docs/{id}"),
           QStringLiteral("A file of the API reference page (no auth)"),
           Access::None,
           Mode::Read,
           asset,
           {}});
}

} // namespace gw::http
