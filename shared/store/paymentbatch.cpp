#include "store/paymentbatch.h"

#include "core/canonicaljson.h"
#include "core/ids.h"
#include "core/payment.h"
#include "store/eventbatch.h"
#include "store/jsonpieces.h"
#include "store/paymentjson.h"
#include "store/paymentstore.h"
#include "store/pgarray.h"
#include "store/rows.h"
#include "store/sql.h"
#include "store/statements.h"

#include <QDateTime>
#include <QUuid>

#include <algorithm>
#include <iterator>
#include <tuple>

namespace gw::store {

namespace {
// Refused creates not yet named (PaymentBatch::nameLivePayments), never answered as such: the
// order is unpaid but has a live payment, or the order is paid.
const QString kRetry = QStringLiteral("#live payment");
const QString kPaidOrder = QStringLiteral("#paid order");
bool unnamed(const Result<CreatedPayment> &r)
{
    return !r && (r.error().description == kRetry || r.error().description == kPaidOrder);
}

// The values of a pending payment's JSON that vary: the database's four (completed by the batch
// statement) and the request's.
enum class Hole {
    Amount,
    CreatedAt,
    Currency,
    UpdatedAt,
    Id,
    OrderId,
    Vpa,
    CardLast4,
    CardNetwork
};
bool fromDatabase(Hole h)
{
    return h == Hole::Amount || h == Hole::CreatedAt || h == Hole::Currency || h == Hole::UpdatedAt;
}

// A pending payment's canonical JSON (Payment::toJson, canonicalJson) cut around its holes, made
// once per method and mode from a payment holding stand-ins: parts.size() == holes.size() + 1.
struct JsonTemplate
{
    QList<QByteArray> parts;
    QList<Hole> holes; // in text order
    bool ok = false;
};

JsonTemplate makeTemplate(bool upi, bool livemode)
{
    Payment p;
    p.id = QStringLiteral("#id");
    p.orderId = QStringLiteral("#order");
    p.amount = 1;
    p.currency = QStringLiteral("#currency");
    p.method = upi ? PaymentMethod::Upi : PaymentMethod::Card;
    p.vpa = upi ? QStringLiteral("#vpa") : QString();
    p.cardLast4 = upi ? QString() : QStringLiteral("#last4");
    p.cardNetwork = upi ? QString() : QStringLiteral("#network");
    p.status = PaymentStatus::Pending;
    p.createdAt = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    p.updatedAt = QDateTime::fromMSecsSinceEpoch(1, Qt::UTC);
    p.livemode = livemode;
    const QJsonObject object = p.toJson();
    QList<std::pair<QString, Hole>> keys{{QStringLiteral("amount"), Hole::Amount},
                                         {QStringLiteral("created_at"), Hole::CreatedAt},
                                         {QStringLiteral("currency"), Hole::Currency},
                                         {QStringLiteral("updated_at"), Hole::UpdatedAt},
                                         {QStringLiteral("id"), Hole::Id},
                                         {QStringLiteral("order_id"), Hole::OrderId}};
    if (upi)
        keys.append({QStringLiteral("vpa"), Hole::Vpa});
    else
        keys.append({{QStringLiteral("card_last4"), Hole::CardLast4},
                     {QStringLiteral("card_network"), Hole::CardNetwork}});
    // Where each value starts and ends.
    const QByteArray text = canonicalJson(object);
    QList<std::tuple<qsizetype, qsizetype, Hole>> spans;
    for (const auto &[key, hole] : keys) {
        const auto span = valueSpan(text, object, key);
        if (!span)
            return {};
        spans.append({span->first, span->second, hole});
    }
    auto cut = cutAtSpans(text, std::move(spans));
    JsonTemplate t;
    t.parts = std::move(cut.parts);
    t.holes = std::move(cut.labels);
    // The batch statement completes them in this order.
    QList<Hole> database;
    std::copy_if(t.holes.begin(), t.holes.end(), std::back_inserter(database), fromDatabase);
    t.ok = database == QList<Hole>{Hole::Amount, Hole::CreatedAt, Hole::Currency, Hole::UpdatedAt};
    return t;
}

const JsonTemplate &jsonTemplate(bool upi, bool livemode)
{
    static const std::array<JsonTemplate, 4> all{
        makeTemplate(true, false), makeTemplate(true, true), makeTemplate(false, false),
        makeTemplate(false, true)};
    return all[(upi ? 0 : 2) + (livemode ? 1 : 0)];
}

// The request's values put into the template; what is left are the five pieces around the
// database's four values, in text order (amount, created_at, currency, updated_at).
std::optional<std::array<QByteArray, 5>> paymentJson(const JsonTemplate &t, const QString &id,
                                                     const CreatePaymentRequest &r)
{
    std::array<QByteArray, 5> pieces;
    size_t piece = 0;
    for (qsizetype i = 0; i < t.holes.size(); ++i) {
        pieces[piece] += t.parts[i];
        const Hole hole = t.holes[i];
        if (fromDatabase(hole)) {
            if (++piece == pieces.size())
                return std::nullopt;
            continue;
        }
        const QString &value = hole == Hole::Id          ? id
                               : hole == Hole::OrderId   ? r.orderId
                               : hole == Hole::Vpa       ? r.vpa
                               : hole == Hole::CardLast4 ? r.cardLast4
                                                         : r.cardNetwork;
        pieces[piece] += canonicalJson(value);
    }
    pieces[piece] += t.parts.last();
    if (piece != pieces.size() - 1)
        return std::nullopt;
    return pieces;
}

// One create's answer from its row of a batch or lookup statement: the payment's JSON, or null
// when it was not written, then refused as its order's status says (none: a missing order;
// Created: another create's live payment, named later; Paid: paid); `hooks` whether its
// webhooks are sent (their logs are due: the queue entries name them).
Result<CreatedPayment> answerOf(const PaymentDraft &d, const QVariant &json,
                                const QVariant &orderStatus, bool hooks)
{
    if (json.isNull()) {
        if (orderStatus.isNull())
            return ApiError::orderNotFound();
        const auto status = enumColumn<OrderStatus>(orderStatus);
        if (!status)
            return status.error();
        return ApiError::badRequest(*status == OrderStatus::Created ? kRetry : kPaidOrder);
    }
    CreatedPayment created{json.toString().toUtf8(), {{d.jobId, JobKind::Payment, d.paymentId}}};
    if (hooks)
        for (size_t k = 0; k < d.logIds.size(); ++k)
            created.jobs.append(deliveryJob(d.logIds[k]));
    return created;
}
} // namespace

Result<PaymentDraft> PaymentBatch::draft(const Merchant &merchant, const CreatePaymentRequest &r)
{
    const auto bug = [] { return ApiError::server(QStringLiteral("An internal error occurred")); };
    PaymentDraft d;
    d.merchantId = merchant.id;
    d.request = r;
    d.paymentId = ids::payment();
    d.jobId = ids::job();
    // The pending payment as the database will return it, but for its four values.
    const JsonTemplate &t = jsonTemplate(r.method == PaymentMethod::Upi, merchant.livemode);
    const auto json = t.ok ? paymentJson(t, d.paymentId, r) : std::nullopt;
    if (!json)
        return bug();
    d.json = json.value();
    // Each event's data is {"payment": …}, written by the same functions around an empty object;
    // the same for every create, so cut once.
    const auto &data = paymentDataPieces();
    const std::array<EventType, 2> types{EventType::PaymentCreated, EventType::PaymentPending};
    for (size_t k = 0; k < types.size(); ++k) {
        d.logIds[k] = QUuid::createUuid().toString(QUuid::WithoutBraces);
        d.eventIds[k] = ids::event();
        const auto event = data ? eventPieces(d.eventIds[k], types[k], *data) : std::nullopt;
        if (!event)
            return bug();
        d.heads[k] = event->first;
        d.closing = event->second;
    }
    return d;
}

Result<QList<Result<CreatedPayment>>>
PaymentBatch::insert(const QList<const PaymentDraft *> &drafts)
{
    auto out = insertOnce(drafts);
    // A create refused for a live payment that had failed by the time it was named may be
    // written now; rarely more than once.
    for (int round = 0; out && round < 3; ++round) {
        QList<qsizetype> again;
        for (qsizetype i = 0; i < out->size(); ++i)
            if (!out->at(i) && out->at(i).error().description == kRetry)
                again.append(i);
        if (again.isEmpty())
            break;
        QList<const PaymentDraft *> retried;
        for (qsizetype i : again)
            retried.append(drafts.at(i));
        auto more = insertOnce(retried);
        if (!more)
            return more.error();
        for (qsizetype k = 0; k < again.size(); ++k)
            out.value()[again[k]] = more->at(k);
    }
    if (out)
        for (auto &one : out.value())
            if (!one && one.error().description == kRetry) // still racing: in progress
                one = ApiError::orderHasLivePayment({}, false);
    return out;
}

Result<QList<Result<CreatedPayment>>>
PaymentBatch::insertOnce(const QList<const PaymentDraft *> &drafts)
{
    QVariantList values = columnArrays<19>(drafts, [](const PaymentDraft &d) {
        const bool upi = d.request.method == PaymentMethod::Upi;
        return std::array<QString, 19>{d.paymentId,
                                       d.request.orderId,
                                       d.merchantId,
                                       stringOf(d.request.method),
                                       upi ? d.request.vpa : QString(),
                                       upi ? QString() : d.request.cardNetwork,
                                       upi ? QString() : d.request.cardLast4,
                                       d.jobId,
                                       d.logIds[0],
                                       d.logIds[1],
                                       d.eventIds[0],
                                       d.eventIds[1],
                                       QString::fromUtf8(d.heads[0]),
                                       QString::fromUtf8(d.heads[1]),
                                       QString::fromUtf8(d.json[0]),
                                       QString::fromUtf8(d.json[1]),
                                       QString::fromUtf8(d.json[2]),
                                       QString::fromUtf8(d.json[3]),
                                       QString::fromUtf8(d.json[4])};
    });
    values << stringOf(JobKind::Payment)
           << QString::fromUtf8(drafts.isEmpty() ? QByteArray() : drafts.first()->closing)
           << stringOf(EventType::PaymentCreated) << stringOf(EventType::PaymentPending);
    static const QString sql = statement(u"payment_batch");
    auto q = exec(m_c, sql, values);
    if (!q)
        return q.error();
    QList<Result<CreatedPayment>> out;
    while (q->next()) {
        if (q->value(0).toLongLong() != out.size() + 1)
            return ApiError::server(QStringLiteral("An internal error occurred")); // a bug
        // Not inserted: a missing order, or one with a live payment.
        out.append(
            answerOf(*drafts.at(out.size()), q->value(3), q->value(1), q->value(2).toBool()));
    }
    if (out.size() != drafts.size())
        return ApiError::server(QStringLiteral("An internal error occurred")); // a bug
    if (auto s = nameLivePayments(drafts, out); !s)
        return s.error();
    return out;
}

// The refused creates get the live payment of their order, read after the statement (its
// snapshot could not see a payment committed while it ran). An unpaid order without one left:
// its live payment failed meanwhile, and the create stays kRetry to be written again.
OkOrError PaymentBatch::nameLivePayments(const QList<const PaymentDraft *> &drafts,
                                         QList<Result<CreatedPayment>> &out)
{
    QHash<QString, QStringList> orders; // merchant → refused orders
    for (qsizetype i = 0; i < out.size(); ++i)
        if (unnamed(out[i]))
            orders[drafts[i]->merchantId].append(drafts[i]->request.orderId);
    for (auto it = orders.begin(); it != orders.end(); ++it) {
        auto live = PaymentStore(m_c).live(it.key(), it.value());
        if (!live)
            return live.error();
        for (qsizetype i = 0; i < out.size(); ++i) {
            const PaymentDraft *d = drafts[i];
            if (!unnamed(out[i]) || d->merchantId != it.key())
                continue;
            if (live->contains(d->request.orderId)) {
                const LivePayment p = live->value(d->request.orderId);
                out[i] = ApiError::orderHasLivePayment(p.id, p.paid());
            } else if (out[i].error().description == kPaidOrder) {
                out[i] = ApiError::orderHasLivePayment({}, true); // paid before it was enforced
            }
        }
    }
    return Ok{};
}

Result<QList<Result<CreatedPayment>>>
PaymentBatch::written(const QList<const PaymentDraft *> &drafts)
{
    const QVariantList values = columnArrays<9>(drafts, [](const PaymentDraft &d) {
        return std::array<QString, 9>{d.paymentId,
                                      d.request.orderId,
                                      d.merchantId,
                                      QString::fromUtf8(d.json[0]),
                                      QString::fromUtf8(d.json[1]),
                                      QString::fromUtf8(d.json[2]),
                                      QString::fromUtf8(d.json[3]),
                                      QString::fromUtf8(d.json[4]),
                                      d.logIds[0]};
    });
    static const QString sql = statement(u"payment_written");
    auto q = exec(m_c, sql, values);
    if (!q)
        return q.error();
    QList<Result<CreatedPayment>> out;
    while (q->next()) {
        const PaymentDraft *d = drafts.value(out.size());
        if (!d || q->value(0).toLongLong() != out.size() + 1)
            return ApiError::server(QStringLiteral("An internal error occurred")); // a bug
        // Not written: answered as the batch statement would have refused it.
        out.append(answerOf(*d, q->value(1), q->value(3), q->value(2).toBool()));
    }
    if (out.size() != drafts.size())
        return ApiError::server(QStringLiteral("An internal error occurred")); // a bug
    // Refused by the index (one live payment per order): another create's payment is live, and
    // this one is answered as it would have been. An unpaid order without one: not written, and
    // nothing says whether it would have been, so the client is to try again.
    if (auto s = nameLivePayments(drafts, out); !s)
        return s.error();
    for (auto &one : out)
        if (!one && one.error().description == kRetry)
            one = ApiError::unavailable(
                QStringLiteral("The database failed while this was being written, and it is not "
                               "found written; try again (with an Idempotency-Key to be safe)"));
    return out;
}

} // namespace gw::store
