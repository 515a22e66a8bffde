#include "server/http/openapi.h"

#include "core/enums.h"

#include <QJsonArray>

namespace gw::http {

namespace {
QJsonObject ref(const QString &schema)
{
    return {{QStringLiteral("$ref"), QString(QStringLiteral("#/components/schemas/") + schema)}};
}

QJsonObject prop(const char *type, const QString &description = {})
{
    QJsonObject o{{QStringLiteral("type"), QLatin1StringView(type)}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    return o;
}

QJsonObject object(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("object")},
                  {QStringLiteral("properties"), properties}};
    if (!required.isEmpty())
        o.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return o;
}

QJsonObject schemas()
{
    const QJsonObject amount =
        prop("integer", QStringLiteral("Smallest currency unit (paise), 1 to 2^53-1"));
    const QJsonObject card = object(
        {{QStringLiteral("number"), prop("string", QStringLiteral("13-19 digits, Luhn-valid"))},
         {QStringLiteral("expiry_month"), prop("string")},
         {QStringLiteral("expiry_year"), prop("string", QStringLiteral("2 or 4 digits"))},
         {QStringLiteral("cvv"), prop("string")},
         {QStringLiteral("holder_name"), prop("string")}},
        {QStringLiteral("number"), QStringLiteral("expiry_month"), QStringLiteral("expiry_year"),
         QStringLiteral("cvv")});
    return {
        {QStringLiteral("CreateOrder"),
         object({{QStringLiteral("amount"), prop("integer", QStringLiteral("At least 100"))},
                 {QStringLiteral("currency"),
                  prop("string", QStringLiteral("Three upper-case letters, default INR"))},
                 {QStringLiteral("receipt"), prop("string")},
                 {QStringLiteral("notes"), prop("object")}},
                {QStringLiteral("amount")})},
        {QStringLiteral("CreatePayment"),
         object({{QStringLiteral("order_id"), prop("string")},
                 {QStringLiteral("method"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                              {QStringLiteral("enum"),
                               QJsonArray::fromStringList(allStrings<PaymentMethod>())}}},
                 {QStringLiteral("vpa"), prop("string", QStringLiteral("name@handle, for upi"))},
                 {QStringLiteral("card"), card}},
                {QStringLiteral("order_id"), QStringLiteral("method")})},
        {QStringLiteral("Capture"), object({{QStringLiteral("amount"), amount}})},
        {QStringLiteral("CreateRefund"),
         object({{QStringLiteral("amount"), amount}, {QStringLiteral("reason"), prop("string")}},
                {QStringLiteral("amount")})},
        {QStringLiteral("WebhookConfig"),
         object({{QStringLiteral("url"),
                  prop("string", QStringLiteral("Absolute http(s) URL or null"))}},
                {QStringLiteral("url")})},
        {QStringLiteral("Error"),
         object({{QStringLiteral("error"),
                  object({{QStringLiteral("code"), prop("string")},
                          {QStringLiteral("description"), prop("string")},
                          {QStringLiteral("field"), prop("string")},
                          {QStringLiteral("payment_id"),
                           prop("string", QStringLiteral("A refused payment create: the order's "
                                                         "live payment (pending or success)"))}},
                         {QStringLiteral("code"), QStringLiteral("description")})}})},
    };
}

QJsonObject securitySchemes()
{
    auto header = [](const char *name) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("apiKey")},
                           {QStringLiteral("in"), QStringLiteral("header")},
                           {QStringLiteral("name"), QLatin1StringView(name)}};
    };
    return {{QStringLiteral("ApiKey"), header("X-Api-Key")},
            {QStringLiteral("ApiSecret"), header("X-Api-Secret")}};
}

QJsonObject operation(const Route &route)
{
    QJsonObject op{{QStringLiteral("summary"), route.summary},
                   {QStringLiteral("operationId"),
                    QString(methodName(route.method).toLower() +
                            QString(route.path).replace(u'/', u'_').remove(u'{').remove(u'}'))}};
    QJsonArray parameters;
    if (route.path.contains(QStringLiteral("{id}")))
        parameters.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("id")},
                                      {QStringLiteral("in"), QStringLiteral("path")},
                                      {QStringLiteral("required"), true},
                                      {QStringLiteral("schema"), prop("string")}});
    for (const QueryParam &q : route.query) {
        QJsonObject schema = prop(q.type == QStringLiteral("integer") ? "integer" : "string");
        if (!q.values.isEmpty())
            schema.insert(QStringLiteral("enum"), QJsonArray::fromStringList(q.values));
        parameters.append(QJsonObject{{QStringLiteral("name"), q.name},
                                      {QStringLiteral("in"), QStringLiteral("query")},
                                      {QStringLiteral("required"), q.required},
                                      {QStringLiteral("description"), q.description},
                                      {QStringLiteral("schema"), schema}});
    }
    if (route.mode != Mode::Read && route.method == QHttpServerRequest::Method::Post)
        parameters.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Idempotency-Key")},
                                      {QStringLiteral("in"), QStringLiteral("header")},
                                      {QStringLiteral("required"), false},
                                      {QStringLiteral("schema"), prop("string")}});
    if (!parameters.isEmpty())
        op.insert(QStringLiteral("parameters"), parameters);
    if (!route.requestSchema.isEmpty())
        op.insert(QStringLiteral("requestBody"),
                  QJsonObject{{QStringLiteral("content"),
                               QJsonObject{{QStringLiteral("application/json"),
                                            QJsonObject{{QStringLiteral("schema"),
                                                         ref(route.requestSchema)}}}}}});
    const QJsonObject errorContent{
        {QStringLiteral("application/json"),
         QJsonObject{{QStringLiteral("schema"), ref(QStringLiteral("Error"))}}}};
    QJsonObject responses{{QStringLiteral("default"),
                           QJsonObject{{QStringLiteral("description"), QStringLiteral("An error")},
                                       {QStringLiteral("content"), errorContent}}}};
    const bool creates =
        route.mode != Mode::Read && route.requestSchema.startsWith(QStringLiteral("Create"));
    responses.insert(creates ? QStringLiteral("201") : QStringLiteral("200"),
                     QJsonObject{{QStringLiteral("description"),
                                  creates ? QStringLiteral("Created") : QStringLiteral("OK")}});
    if (route.requestSchema == QStringLiteral("CreatePayment")) // at most one live payment
        responses.insert(
            QStringLiteral("400"),
            QJsonObject{{QStringLiteral("description"),
                         QStringLiteral("Invalid request; or the order has a live payment: "
                                        "\"Order already paid\" (success) or \"A payment for "
                                        "this order is already in progress\" (pending), its id "
                                        "in error.payment_id")},
                        {QStringLiteral("content"), errorContent}});
    op.insert(QStringLiteral("responses"), responses);
    if (route.access == Access::Merchant)
        op.insert(QStringLiteral("security"),
                  QJsonArray{QJsonObject{{QStringLiteral("ApiKey"), QJsonArray{}},
                                         {QStringLiteral("ApiSecret"), QJsonArray{}}}});
    else if (route.access == Access::PublicKey)
        op.insert(QStringLiteral("security"),
                  QJsonArray{QJsonObject{{QStringLiteral("ApiKey"), QJsonArray{}}}});
    else
        op.insert(QStringLiteral("security"), QJsonArray{});
    return op;
}
} // namespace

QJsonObject openApiDocument(const RouteTable &table, const QString &serverUrl)
{
    QJsonObject paths;
    for (const Route &route : table.routes()) {
        QJsonObject item = paths.value(route.path).toObject();
        item.insert(methodName(route.method).toLower(), operation(route));
        paths.insert(route.path, item);
    }
    return {
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("title"), QStringLiteral("Payment gateway API")},
                     {QStringLiteral("version"), QStringLiteral("1.0.0")}}},
        {QStringLiteral("servers"), QJsonArray{QJsonObject{{QStringLiteral("url"), serverUrl}}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"),
         QJsonObject{{QStringLiteral("schemas"), schemas()},
                     {QStringLiteral("securitySchemes"), securitySchemes()}}},
    };
}

} // namespace gw::http
