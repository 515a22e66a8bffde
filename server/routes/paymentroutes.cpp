// POST /payments, GET /payments/{id}, GET /payments, POST /payments/{id}/capture.
#include "core/enums.h"
#include "core/listquery.h"
#include "core/requests.h"
#include "server/routes/apiroutes.h"
#include "server/routes/listparams.h"
#include "server/writer/writeranswer.h"
#include "store/paymentbatch.h"
#include "store/paymentstore.h"
#include "store/sql.h"

#include <QDateTime>

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

const ListParams &paymentListParams()
{
    static const ListParams params{{{QStringLiteral("status"), allStrings<PaymentStatus>()},
                                    {QStringLiteral("method"), allStrings<PaymentMethod>()}},
                                   true,
                                   {SortKey::CreatedAt, SortKey::Amount, SortKey::Status},
                                   {{QStringLiteral("order_id"), QStringLiteral("order_")}}};
    return params;
}

Result<Reply> listPayments(const Call &call)
{
    return listReply(call, paymentListParams(), [&](const ListQuery &query) {
        return store::PaymentStore(call.ctx.db).list(call.merchant.id, query);
    });
}

Result<Reply> capturePayment(const Call &call)
{
    auto request = CaptureRequest::parse(call.request.body());
    if (!request)
        return request.error();
    auto payment =
        store::PaymentStore(call.ctx.db).capture(call.merchant.id, call.id, request->amount);
    if (!payment)
        return payment.error();
    return reply(200, payment->toJson());
}
} // namespace

namespace {
Result<store::PaymentDraft> draftFor(const Call &call)
{
    auto request =
        CreatePaymentRequest::parse(call.request.body(), QDateTime::currentDateTimeUtc().date());
    if (!request)
        return request.error();
    return store::PaymentBatch::draft(call.merchant, request.value());
}
} // namespace

// On the thread's own connection, inside the caller's transaction (the Idempotency-Key path):
// the same one statement group commit writes, for a batch of one.
Result<Reply> createPayment(const Call &call)
{
    auto draft = draftFor(call);
    if (!draft)
        return draft.error();
    return writeOne<store::PaymentBatch>(call.ctx.db, draft.value());
}

void createPaymentGrouped(const Call &call, ReplyCallback done)
{
    writeGrouped(call, std::move(done), draftFor, [](const Call &c) {
        return store::inTransaction<Reply>(c.ctx.db, [&] { return createPayment(c); });
    });
}

Result<Reply> getPayment(const Call &call)
{
    auto payment = store::PaymentStore(call.ctx.db).find(call.merchant.id, call.id);
    if (!payment)
        return payment.error();
    if (!payment.value())
        return ApiError::paymentNotFound();
    return reply(200, payment.value()->toJson());
}

void addPaymentRoutes(RouteTable &t)
{
    t.add({Method::Post,
           QStringLiteral("/api/v1/payments"),
           QStringLiteral("Create a payment for an order by UPI (vpa) or card; 201 pending, "
                          "processed asynchronously"),
           Access::Merchant,
           Mode::Write,
           createPayment,
           QStringLiteral("CreatePayment"),
           {},
           createPaymentGrouped});
    t.add({Method::Get,
           QStringLiteral("/api/v1/payments"),
           QStringLiteral("List payments, newest first unless sorted (limit, offset, status, "
                          "method, order_id, from, to, sort, order)"),
           Access::Merchant,
           Mode::Read,
           listPayments,
           {},
           paymentListParams().describe()});
    t.add({Method::Get,
           QStringLiteral("/api/v1/payments/{id}"),
           QStringLiteral("Fetch one payment"),
           Access::Merchant,
           Mode::Read,
           getPayment,
           {}});
    t.add({Method::Post, QStringLiteral("/api/v1/payments/{id}/capture"),
           QStringLiteral("Capture a successful payment once ({amount} optional, must equal the "
                          "payment amount)"),
           Access::Merchant, Mode::Statement, capturePayment, QStringLiteral("Capture")});
}

} // namespace gw::http
