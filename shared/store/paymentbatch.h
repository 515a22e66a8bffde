#pragma once
// Many payment creates in ONE statement (application group commit): the payments INSERT … SELECT
// from their orders, their payment jobs and their payment.created / payment.pending webhook logs
// (due at once for merchants with a webhook URL), as data-modifying CTEs over `unnest` of bound
// arrays. Run in autocommit it is one transaction and one round trip for the whole batch, and
// each item gets exactly the outcome a create of its own would give. It is the only place a
// payment is created: a create with an Idempotency-Key runs it for a batch of one inside its
// transaction.
#include "core/job.h"
#include "core/merchant.h"
#include "core/requests.h"
#include "store/connection.h"

#include <QByteArray>
#include <QList>
#include <array>

namespace gw::store {

// One create, prepared off the writer: its ids, and the payment's JSON cut where the values only
// the database knows go (amount, created_at, currency, updated_at).
struct PaymentDraft
{
    QString merchantId;
    CreatePaymentRequest request;
    QString paymentId;
    QString jobId;
    std::array<QString, 2> logIds;   // payment.created, payment.pending
    std::array<QString, 2> eventIds; // evt_…
    std::array<QByteArray, 5> json;  // the payment's canonical JSON around the four values
    std::array<QByteArray, 2> heads; // each event's payload up to the payment's JSON
    QByteArray closing;              // each payload after it
};

struct CreatedPayment
{
    // The payment's JSON: the same bytes as compactJson(payment.toJson()) of the row read back
    // (keys sorted, compact; its strings are ids, a VPA or a card network and digits, which no
    // writer escapes), and the data.payment of both events.
    QByteArray json;
    QList<JobRef> jobs; // the payment job, then the deliveries in event order (deliveryJob)
};

class PaymentBatch
{
public:
    explicit PaymentBatch(Connection &c) : m_c(c) {}

    static Result<PaymentDraft> draft(const Merchant &merchant, const CreatePaymentRequest &r);

    // One statement for every draft. The outer error means the statement failed as a whole
    // (nothing was written); otherwise one outcome per draft, in order: the payment, 404 "Order
    // not found", or 400 naming the order's live payment ("Order already paid", "A payment for
    // this order is already in progress"; ApiError::orderHasLivePayment).
    Result<QList<Result<CreatedPayment>>> insert(const QList<const PaymentDraft *> &drafts);
    // After insert failed with its outcome unknown (the session died or its server stopped
    // answering while the statement ran, or its commit stands on that server alone; in
    // autocommit it may have committed): each draft's outcome from what the server the session
    // reaches now holds, where the synchronous standby holds it too. The payment as written;
    // 404 or 400 when it was not written and the batch statement would have refused it (its
    // order missing, paid, or with another create's live payment: the index); 503 when it is
    // not written and would not have been refused (the client tries again).
    Result<QList<Result<CreatedPayment>>> written(const QList<const PaymentDraft *> &drafts);

private:
    Result<QList<Result<CreatedPayment>>> insertOnce(const QList<const PaymentDraft *> &drafts);
    OkOrError nameLivePayments(const QList<const PaymentDraft *> &drafts,
                               QList<Result<CreatedPayment>> &out);

    Connection &m_c;
};

} // namespace gw::store
