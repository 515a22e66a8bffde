// Webhook settings (URL, secret rotation, test event) and the delivery logs (list, detail,
// manual retry).
#include "core/enums.h"
#include "core/ids.h"
#include "core/jsontime.h"
#include "core/listquery.h"
#include "core/requests.h"
#include "server/routes/apiroutes.h"
#include "server/routes/listparams.h"
#include "store/outbox.h"
#include "store/webhookconfigstore.h"
#include "store/webhooklogstore.h"

#include <QUuid>

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

// {url, secret_hint, previous_secret_expires_at[, secret]}: the full secret only right after a
// rotation.
QJsonObject configJson(const store::WebhookConfig &c, bool withSecret)
{
    QJsonObject o{
        {QStringLiteral("url"), nullIfEmpty(c.url)},
        {QStringLiteral("secret_hint"), QString(c.secret.left(6) + u"…" + c.secret.right(4))},
        {QStringLiteral("previous_secret_expires_at"), isoTime(c.previousSecretExpiresAt)}};
    if (withSecret)
        o.insert(QStringLiteral("secret"), c.secret);
    return o;
}

Result<Reply> getConfig(const Call &call)
{
    auto c = store::WebhookConfigStore(call.ctx.db).get(call.merchant.id);
    if (!c)
        return c.error();
    return reply(200, configJson(c.value(), false));
}

Result<Reply> setConfig(const Call &call)
{
    auto request = WebhookConfigRequest::parse(call.request.body());
    if (!request)
        return request.error();
    auto c = store::WebhookConfigStore(call.ctx.db).setUrl(call.merchant.id, request->url);
    if (!c)
        return c.error();
    return reply(200, configJson(c.value(), false));
}

Result<Reply> rotateSecret(const Call &call)
{
    const QString secret = ids::make(u"whsec_") + ids::make(u"");
    auto c = store::WebhookConfigStore(call.ctx.db).rotateSecret(call.merchant.id, secret);
    if (!c)
        return c.error();
    return reply(200, configJson(c.value(), true));
}

Result<Reply> sendTest(const Call &call)
{
    const QJsonObject data{{QStringLiteral("message"),
                            QStringLiteral("This is a test webhook from the payment gateway")},
                           {QStringLiteral("merchant_id"), call.merchant.id}};
    auto job = store::Outbox(call.ctx.db).addEvent(call.merchant.id, EventType::WebhookTest, data);
    if (!job)
        return job.error();
    if (!job.value())
        return reply(
            200,
            {{QStringLiteral("event"), stringOf(EventType::WebhookTest)},
             {QStringLiteral("status"), QStringLiteral("not_sent")},
             {QStringLiteral("message"),
              QStringLiteral("No webhook URL is configured; the event was logged, not sent")}});
    return reply(200,
                 {{QStringLiteral("id"), job.value()->subjectId},
                  {QStringLiteral("event"), stringOf(EventType::WebhookTest)},
                  {QStringLiteral("status"), stringOf(DeliveryStatus::Pending)},
                  {QStringLiteral("message"), QStringLiteral("Test webhook queued")}},
                 {*job.value()});
}

// Delivery logs have no amount: they sort by created_at or status.
const ListParams &logListParams()
{
    static const ListParams params{{{QStringLiteral("status"), allStrings<DeliveryStatus>()},
                                    {QStringLiteral("event"), allStrings<EventType>()}},
                                   false,
                                   {SortKey::CreatedAt, SortKey::Status}};
    return params;
}

Result<Reply> listLogs(const Call &call)
{
    return listReply(call, logListParams(), [&](const ListQuery &query) {
        return store::WebhookLogStore(call.ctx.db).list(call.merchant.id, query);
    });
}

Result<Reply> getLog(const Call &call)
{
    auto log = store::WebhookLogStore(call.ctx.db).detail(call.merchant.id, call.id);
    if (!log)
        return log.error();
    if (!log.value())
        return ApiError::webhookLogNotFound();
    return reply(200, log.value()->toDetailJson());
}

Result<Reply> retryLog(const Call &call)
{
    auto reset = store::WebhookLogStore(call.ctx.db).resetForRetry(call.merchant.id, call.id);
    if (!reset)
        return reset.error();
    if (!reset.value())
        return ApiError::webhookLogNotFound();
    // The log, pending and due now, is the retry's durable record (the sweeps find it if this
    // push is lost). A name of its own, so Redis appends it even while an entry of the log's
    // previous round waits in the delayed set.
    // The log's id as the database writes it (the URL's may be in capitals): the worker keys
    // what it claims by it.
    const JobRef job{ids::job(), JobKind::Webhook,
                     QUuid::fromString(call.id).toString(QUuid::WithoutBraces)};
    return reply(200,
                 {{QStringLiteral("id"), call.id},
                  {QStringLiteral("status"), stringOf(DeliveryStatus::Pending)},
                  {QStringLiteral("message"), QStringLiteral("Webhook retry scheduled")}},
                 {job});
}
} // namespace

void addWebhookRoutes(RouteTable &t)
{
    // The fixed paths come before /webhooks/{id}: routes match in the order they are added.
    t.add({Method::Get,
           QStringLiteral("/api/v1/webhooks/config"),
           QStringLiteral("The webhook URL and a hint of the signing secret"),
           Access::Merchant,
           Mode::Read,
           getConfig,
           {}});
    for (Method m : {Method::Put, Method::Post})
        t.add(
            {m, QStringLiteral("/api/v1/webhooks/config"),
             QStringLiteral("Set the webhook URL ({url}: absolute http(s), or null to remove it)"),
             Access::Merchant, Mode::Write, setConfig, QStringLiteral("WebhookConfig")});
    t.add({Method::Post,
           QStringLiteral("/api/v1/webhooks/config/secret"),
           QStringLiteral("Rotate the signing secret; the new one is returned once, the previous "
                          "one signs for 24 h more"),
           Access::Merchant,
           Mode::Write,
           rotateSecret,
           {}});
    t.add({Method::Post,
           QStringLiteral("/api/v1/webhooks/test"),
           QStringLiteral("Queue a webhook.test event to the configured URL"),
           Access::Merchant,
           Mode::Write,
           sendTest,
           {}});
    t.add({Method::Get,
           QStringLiteral("/api/v1/webhooks"),
           QStringLiteral("List webhook delivery logs, newest first unless sorted (limit, offset, "
                          "status, event, sort, order)"),
           Access::Merchant,
           Mode::Read,
           listLogs,
           {},
           logListParams().describe()});
    t.add({Method::Get,
           QStringLiteral("/api/v1/webhooks/{id}"),
           QStringLiteral(
               "One delivery log with its payload, response body (first 4 KiB) and every attempt"),
           Access::Merchant,
           Mode::Read,
           getLog,
           {}});
    t.add({Method::Post,
           QStringLiteral("/api/v1/webhooks/{id}/retry"),
           QStringLiteral("Send a delivery again: status pending, attempts start again"),
           Access::Merchant,
           Mode::Write,
           retryLog,
           {}});
}

} // namespace gw::http
