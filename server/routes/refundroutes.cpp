// POST /payments/{id}/refunds, GET /payments/{id}/refunds, GET /refunds/{id}, GET /refunds.
#include "core/enums.h"
#include "core/listquery.h"
#include "core/requests.h"
#include "server/routes/apiroutes.h"
#include "server/routes/listparams.h"
#include "server/writer/writeranswer.h"
#include "store/paymentstore.h"
#include "store/refundbatch.h"
#include "store/refundstore.h"

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

Result<store::RefundDraft> draftFor(const Call &call)
{
    auto request = CreateRefundRequest::parse(call.request.body());
    if (!request)
        return request.error();
    return store::RefundBatch::draft(call.merchant, call.id, request.value());
}

// With an Idempotency-Key, on the thread's own connection inside the key's transaction: the same
// one statement the group commit writes, for a batch of one.
Result<Reply> createRefund(const Call &call)
{
    auto draft = draftFor(call);
    if (!draft)
        return draft.error();
    return writeOne<store::RefundBatch>(call.ctx.db, draft.value());
}

// Without one: through the group commit (or, without a writer, in autocommit on this thread).
void createRefundGrouped(const Call &call, ReplyCallback done)
{
    writeGrouped(call, std::move(done), draftFor, createRefund);
}

const ListParams &refundListParams()
{
    static const ListParams params{{{QStringLiteral("status"), allStrings<RefundStatus>()}}};
    return params;
}

Result<Reply> listRefunds(const Call &call, const QString &paymentId)
{
    return listReply(call, refundListParams(), [&](const ListQuery &query) {
        return store::RefundStore(call.ctx.db).list(call.merchant.id, paymentId, query);
    });
}

Result<Reply> listPaymentRefunds(const Call &call)
{
    auto payment = store::PaymentStore(call.ctx.db).find(call.merchant.id, call.id);
    if (!payment)
        return payment.error();
    if (!payment.value())
        return ApiError::paymentNotFound();
    return listRefunds(call, call.id);
}

Result<Reply> getRefund(const Call &call)
{
    auto refund = store::RefundStore(call.ctx.db).find(call.merchant.id, call.id);
    if (!refund)
        return refund.error();
    if (!refund.value())
        return ApiError::notFound(QStringLiteral("Refund not found"));
    return reply(200, refund.value()->toJson());
}
} // namespace

void addRefundRoutes(RouteTable &t)
{
    t.add({Method::Post,
           QStringLiteral("/api/v1/payments/{id}/refunds"),
           QStringLiteral(
               "Refund part or all of a successful payment ({amount, reason}); 201 pending"),
           Access::Merchant,
           Mode::Statement,
           createRefund,
           QStringLiteral("CreateRefund"),
           {},
           createRefundGrouped});
    t.add({Method::Get,
           QStringLiteral("/api/v1/payments/{id}/refunds"),
           QStringLiteral("List one payment's refunds, newest first unless sorted (limit, offset, "
                          "status, sort, order)"),
           Access::Merchant,
           Mode::Read,
           listPaymentRefunds,
           {},
           refundListParams().describe()});
    t.add({Method::Get,
           QStringLiteral("/api/v1/refunds"),
           QStringLiteral(
               "List refunds, newest first unless sorted (limit, offset, status, sort, order)"),
           Access::Merchant,
           Mode::Read,
           [](const Call &call) { return listRefunds(call, {}); },
           {},
           refundListParams().describe()});
    t.add({Method::Get,
           QStringLiteral("/api/v1/refunds/{id}"),
           QStringLiteral("Fetch one refund"),
           Access::Merchant,
           Mode::Read,
           getRefund,
           {}});
}

} // namespace gw::http
