#include "fakegateway.h"

#include "console/apifields.h"
#include "core/apierror.h"
#include "core/ids.h"
#include "core/jsontime.h"
#include "core/listquery.h"
#include "core/requests.h"
#include "core/retryschedule.h"
#include "core/stats.h"
#include "server/http/reply.h"
#include "support/httpclient.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUuid>
#include <algorithm>

namespace gw::test {

namespace api = console::api;
namespace f = console::api::field;
using console::ApiRequest;
using console::ApiResponse;

namespace {

const QStringList kPaymentStatuses = allStrings<PaymentStatus>();

ApiResponse answer(int status, const QJsonObject &body)
{
    return ApiResponse::answered(status, QJsonDocument(body));
}

// The status the server gives this error, from its one map.
ApiResponse failure(const ApiError &e)
{
    return answer(int(http::httpStatus(e.code)), e.toJson());
}

QByteArray bytes(const QJsonObject &body)
{
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// One row of a list, with what filters and sorting read.
struct Row
{
    QJsonObject json;
    QDateTime createdAt;
    QString id;
    qint64 amount = 0;
    QString status;
};

// A list the way the store answers it: filtered, sorted (ties by created_at, then id, in the same
// direction), one page of it.
ApiResponse listOf(QList<Row> rows, const QUrlQuery &query, const QMap<QString, QStringList> &enums,
                   bool withDates, const QList<SortKey> &sortable,
                   const QMap<QString, QString> &ids = {})
{
    const auto q = ListQuery::parse(query, enums, withDates, sortable, ids);
    if (!q)
        return failure(q.error());
    rows.removeIf([&q](const Row &r) {
        for (auto it = q->filters.begin(); it != q->filters.end(); ++it)
            if (r.json.value(it.key()).toString() != it.value())
                return true;
        return (q->from.isValid() && r.createdAt < q->from) ||
               (q->to.isValid() && r.createdAt > q->to);
    });
    std::sort(rows.begin(), rows.end(), [&q](const Row &a, const Row &b) {
        int c = 0;
        if (q->sort == SortKey::Amount)
            c = a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
        else if (q->sort == SortKey::Status)
            c = a.status.compare(b.status);
        if (c == 0)
            c = a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
        if (c == 0)
            c = a.id.compare(b.id);
        return q->ascending ? c < 0 : c > 0;
    });
    QJsonArray data;
    for (qsizetype i = q->offset; i < rows.size() && data.size() < q->limit; ++i)
        data.append(rows.at(i).json);
    return answer(200, pageJson(data, rows.size(), q.value()));
}

} // namespace

FakeGateway::FakeGateway(QObject *parent) : console::ApiClient(parent)
{
    addMerchant(QString::fromLatin1(HttpClient::kTestKey),
                QString::fromLatin1(HttpClient::kTestSecret));
}

void FakeGateway::addMerchant(const QString &key, const QString &secret)
{
    m_merchants.insert(key, secret);
}

void FakeGateway::connectAsTestMerchant()
{
    setConnection(url(), QString::fromLatin1(HttpClient::kTestKey),
                  QString::fromLatin1(HttpClient::kTestSecret));
}

Payment &FakeGateway::addPayment(qint64 amount, PaymentMethod method, PaymentStatus status,
                                 const QDateTime &createdAt, const QString &orderId)
{
    Payment p;
    p.id = ids::payment();
    p.orderId = orderId.isEmpty() ? ids::order() : orderId;
    p.amount = amount;
    p.method = method;
    if (method == PaymentMethod::Upi) {
        p.vpa = QStringLiteral("shopper@okbank");
    } else {
        p.cardNetwork = QStringLiteral("visa");
        p.cardLast4 = QStringLiteral("1111");
    }
    p.status = status;
    p.createdAt = p.updatedAt = createdAt.toUTC();
    m_payments.append(p);
    return m_payments.last();
}

WebhookLog &FakeGateway::addDelivery(const QString &event, DeliveryStatus status,
                                     const QDateTime &createdAt)
{
    WebhookLog d;
    d.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d.eventId = ids::event();
    d.event = event;
    d.status = status;
    d.createdAt = createdAt.toUTC();
    d.payload = QString::fromUtf8(bytes({{f::event, event}}));
    m_deliveries.append(d);
    return m_deliveries.last();
}

void FakeGateway::processRefunds()
{
    for (Refund &r : m_refunds) {
        if (r.status != RefundStatus::Pending)
            continue;
        r.status = RefundStatus::Processed;
        r.processedAt = QDateTime::currentDateTimeUtc();
        if (Payment *p = findPayment(r.paymentId))
            p->amountRefunded += r.amount;
    }
}

void FakeGateway::attemptDelivery(const QString &id, int responseCode, const QString &responseBody)
{
    WebhookLog *d = findDelivery(id);
    if (!d)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ++d->attempts;
    d->attemptList.append({d->attempts, now, responseCode, responseBody, {}, 1});
    d->lastAttemptAt = now;
    d->responseCode = responseCode;
    d->responseBody = responseBody;
    d->nextRetryAt = {};
    if (responseCode >= 200 && responseCode < 300) {
        d->status = DeliveryStatus::Success;
    } else if (const auto delay = RetrySchedule(true).delayAfterAttempt(d->attempts)) {
        d->status = DeliveryStatus::Pending;
        d->nextRetryAt = now.addSecs(*delay);
    } else {
        d->status = DeliveryStatus::Failed;
    }
}

const Payment *FakeGateway::payment(const QString &id) const
{
    return const_cast<FakeGateway *>(this)->findPayment(id);
}

QList<Refund> FakeGateway::refundsOf(const QString &paymentId) const
{
    QList<Refund> out;
    for (const Refund &r : m_refunds)
        if (r.paymentId == paymentId)
            out.append(r);
    return out;
}

const WebhookLog *FakeGateway::delivery(const QString &id) const
{
    return const_cast<FakeGateway *>(this)->findDelivery(id);
}

Payment *FakeGateway::findPayment(const QString &id)
{
    for (Payment &p : m_payments)
        if (p.id == id)
            return &p;
    return nullptr;
}

WebhookLog *FakeGateway::findDelivery(const QString &id)
{
    for (WebhookLog &d : m_deliveries)
        if (d.id == id)
            return &d;
    return nullptr;
}

void FakeGateway::transmit(const ApiRequest &request, Callback finished)
{
    QTimer::singleShot(
        0, this, [this, request, finished = std::move(finished)] { finished(answer(request)); });
}

ApiResponse FakeGateway::answer(const ApiRequest &r)
{
    const bool get = r.verb == "GET";
    const bool post = r.verb == "POST";
    if (r.path == api::health() && get)
        return ::gw::test::answer(200, {{f::status, QStringLiteral("healthy")},
                                        {f::database, QStringLiteral("connected")},
                                        {f::redis, QStringLiteral("connected")},
                                        {f::worker, QStringLiteral("running")}});
    if (apiKey().isEmpty() || !m_merchants.contains(apiKey()) ||
        m_merchants.value(apiKey()) != apiSecret())
        return failure({ErrorCode::Authentication, QStringLiteral("Invalid API credentials"), {}});
    if (r.path == api::payments() && get)
        return listPayments(r.query);
    if (r.path.startsWith(api::payments() + u'/'))
        return paymentRoute(r, r.path.mid(api::payments().size() + 1));
    if (r.path == api::refunds() && get)
        return listRefunds(r.query, {});
    if (r.path == api::webhooks() && get)
        return listDeliveries(r.query);
    if (r.path == api::webhookConfig() && get)
        return ::gw::test::answer(200, webhookConfig(false));
    if (r.path == api::webhookConfig() && r.verb == "PUT")
        return setWebhookUrl(r.body);
    if (r.path == api::webhookSecret() && post) {
        m_webhookSecret = QStringLiteral("whsec_") + ids::make(u"");
        return ::gw::test::answer(200, webhookConfig(true));
    }
    if (r.path == api::webhookTest() && post)
        return sendTestEvent();
    if (r.path.startsWith(api::webhooks() + u'/'))
        return webhookRoute(r, r.path.mid(api::webhooks().size() + 1));
    if (r.path == api::stats() && get)
        return stats(r.query);
    if (r.path == api::jobStatus() && get)
        return ::gw::test::answer(200, {{f::pending, 0},
                                        {f::processing, 0},
                                        {f::completed, 0},
                                        {f::failed, 0},
                                        {f::workerStatus, QStringLiteral("running")}});
    return failure(ApiError::noSuchRoute());
}

ApiResponse FakeGateway::paymentRoute(const ApiRequest &r, const QString &rest)
{
    Payment *p = findPayment(rest.section(u'/', 0, 0));
    if (!p)
        return failure(ApiError::paymentNotFound());
    if (r.path == api::payment(p->id) && r.verb == "GET")
        return ::gw::test::answer(200, p->toJson());
    if (r.path == api::capture(p->id) && r.verb == "POST")
        return capture(*p, r.body);
    if (r.path == api::paymentRefunds(p->id))
        return r.verb == "GET" ? listRefunds(r.query, p->id) : refund(*p, r.body);
    return failure(ApiError::noSuchRoute());
}

ApiResponse FakeGateway::webhookRoute(const ApiRequest &r, const QString &rest)
{
    WebhookLog *d = findDelivery(rest.section(u'/', 0, 0));
    if (!d)
        return failure(ApiError::webhookLogNotFound());
    if (r.path == api::webhook(d->id) && r.verb == "GET")
        return ::gw::test::answer(200, d->toDetailJson());
    if (r.path == api::webhookRetry(d->id) && r.verb == "POST") {
        d->status = DeliveryStatus::Pending;
        d->attempts = 0;
        d->nextRetryAt = QDateTime::currentDateTimeUtc();
        return ::gw::test::answer(200, {{f::id, d->id},
                                        {f::status, stringOf(d->status)},
                                        {f::message, QStringLiteral("Webhook retry scheduled")}});
    }
    return failure(ApiError::noSuchRoute());
}

ApiResponse FakeGateway::listPayments(const QUrlQuery &query)
{
    QList<Row> rows;
    for (const Payment &p : std::as_const(m_payments))
        rows.append({p.toJson(), p.createdAt, p.id, p.amount, stringOf(p.status)});
    return listOf(rows, query,
                  {{f::status, kPaymentStatuses}, {f::method, allStrings<PaymentMethod>()}}, true,
                  {SortKey::CreatedAt, SortKey::Amount, SortKey::Status},
                  {{f::orderId, QStringLiteral("order_")}});
}

ApiResponse FakeGateway::listRefunds(const QUrlQuery &query, const QString &paymentId)
{
    QList<Row> rows;
    for (const Refund &r : std::as_const(m_refunds))
        if (paymentId.isEmpty() || r.paymentId == paymentId)
            rows.append({r.toJson(), r.createdAt, r.id, r.amount, stringOf(r.status)});
    return listOf(rows, query, {{f::status, allStrings<RefundStatus>()}}, false,
                  {SortKey::CreatedAt, SortKey::Amount, SortKey::Status});
}

ApiResponse FakeGateway::listDeliveries(const QUrlQuery &query)
{
    QList<Row> rows;
    for (const WebhookLog &d : std::as_const(m_deliveries))
        rows.append({d.toJson(), d.createdAt, d.id, 0, stringOf(d.status)});
    return listOf(rows, query, {{f::status, allStrings<DeliveryStatus>()}}, false,
                  {SortKey::CreatedAt, SortKey::Status});
}

ApiResponse FakeGateway::capture(Payment &p, const QJsonObject &body)
{
    const auto request = CaptureRequest::parse(bytes(body));
    if (!request)
        return failure(request.error());
    if (p.status != PaymentStatus::Success)
        return failure(
            ApiError::badRequest(QStringLiteral("Only a successful payment can be captured")));
    if (p.captured)
        return failure(ApiError::badRequest(QStringLiteral("Payment already captured")));
    if (request->amount && *request->amount != p.amount)
        return failure(ApiError::badRequest(
            QStringLiteral("Capture amount must equal the payment amount"), f::amount));
    p.captured = true;
    p.updatedAt = QDateTime::currentDateTimeUtc();
    return ::gw::test::answer(200, p.toJson());
}

ApiResponse FakeGateway::refund(Payment &p, const QJsonObject &body)
{
    const auto request = CreateRefundRequest::parse(bytes(body));
    if (!request)
        return failure(request.error());
    if (p.status != PaymentStatus::Success)
        return failure(
            ApiError::badRequest(QStringLiteral("Only a successful payment can be refunded")));
    qint64 available = p.amount;
    for (const Refund &r : refundsOf(p.id))
        available -= r.amount;
    if (request->amount > available)
        return failure(ApiError::badRequest(
            QStringLiteral("Refund amount exceeds the amount available to refund (%1)")
                .arg(available),
            f::amount));
    Refund r;
    r.id = ids::refund();
    r.paymentId = p.id;
    r.amount = request->amount;
    r.reason = request->reason;
    r.createdAt = QDateTime::currentDateTimeUtc();
    m_refunds.append(r);
    return ::gw::test::answer(201, r.toJson());
}

ApiResponse FakeGateway::setWebhookUrl(const QJsonObject &body)
{
    const auto request = WebhookConfigRequest::parse(bytes(body));
    if (!request)
        return failure(request.error());
    m_webhookUrl = request->url;
    return ::gw::test::answer(200, webhookConfig(false));
}

QJsonObject FakeGateway::webhookConfig(bool withSecret) const
{
    QJsonObject o{
        {f::url, nullIfEmpty(m_webhookUrl)},
        {f::secretHint, QString(m_webhookSecret.left(6) + u"…" + m_webhookSecret.right(4))},
        {f::previousSecretExpiresAt, QJsonValue::Null}};
    if (withSecret)
        o.insert(f::secret, m_webhookSecret);
    return o;
}

ApiResponse FakeGateway::sendTestEvent()
{
    const QString event = QStringLiteral("webhook.test");
    if (m_webhookUrl.isEmpty())
        return ::gw::test::answer(200,
                                  {{f::event, event},
                                   {f::status, QStringLiteral("not_sent")},
                                   {f::message, QStringLiteral("No webhook URL is configured")}});
    const WebhookLog &d = addDelivery(event, DeliveryStatus::Pending);
    return ::gw::test::answer(200, {{f::id, d.id},
                                    {f::event, event},
                                    {f::status, stringOf(d.status)},
                                    {f::message, QStringLiteral("Test webhook queued")}});
}

ApiResponse FakeGateway::stats(const QUrlQuery &query) const
{
    const auto q = StatsQuery::parse(query, QDateTime::currentDateTimeUtc());
    if (!q)
        return failure(q.error());
    Stats s;
    s.query = q.value();
    s.series = emptySeries(s.query);
    s.jobs = Stats::Jobs{};
    const auto bucket = [&s](const QDateTime &t) -> StatsBucket * {
        if (s.series.isEmpty() || t < s.query.from || t >= s.query.to)
            return nullptr;
        const qint64 i = (s.query.bucketOf(t.toSecsSinceEpoch()) -
                          s.series.constFirst().start.toSecsSinceEpoch()) /
                         s.query.bucketSeconds();
        return i < s.series.size() ? &s.series[i] : nullptr;
    };
    for (const Payment &p : m_payments) {
        StatsBucket *b = bucket(p.createdAt);
        if (!b)
            continue;
        const bool success = p.status == PaymentStatus::Success;
        (success ? b->success : p.status == PaymentStatus::Failed ? b->failed : b->pending)++;
        (p.method == PaymentMethod::Upi ? b->upi : b->card)++;
        b->volume += success ? p.amount : 0;
    }
    for (const WebhookLog &d : m_deliveries)
        if (StatsBucket *b = bucket(d.createdAt))
            (d.status == DeliveryStatus::Success  ? b->webhooksSucceeded
             : d.status == DeliveryStatus::Failed ? b->webhooksFailed
                                                  : b->webhooksPending)++;
    for (const Refund &r : m_refunds) {
        if (r.createdAt < s.query.from || r.createdAt >= s.query.to)
            continue;
        const bool processed = r.status == RefundStatus::Processed;
        ++(processed ? s.refundsProcessed : s.refundsPending);
        s.refundedAmount += processed ? r.amount : 0;
    }
    return ::gw::test::answer(200, s.toJson());
}

} // namespace gw::test
