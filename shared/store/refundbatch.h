#pragma once
// Many refunds in ONE statement (application group commit, as store::PaymentBatch for creates):
// for each, the reservation on its payment (payments.refunds_reserved, conditional on what
// remains, so no interleaving can refund more than the amount), the refund, its job, its
// refund.created event (its log due at once for a merchant with a webhook URL), as
// data-modifying CTEs over `unnest` of bound arrays. Run in autocommit it is one transaction and
// one round trip for the whole batch. It is the only place a refund is created: a refund with an
// Idempotency-Key runs it for a batch of one inside the key's transaction.
//
// A batch holds at most one refund of a payment (PaymentWriter keeps the others for its next
// batch): one UPDATE changes a row once, so a second refund of the same payment in the statement
// would not be reserved, and is answered as not fitting rather than over-refunding.
#include "core/job.h"
#include "core/merchant.h"
#include "core/requests.h"
#include "store/connection.h"
#include "store/jsonpieces.h"

#include <QByteArray>
#include <QList>

namespace gw::store {

// One refund, prepared off the writer: its ids, and the refund's JSON and event payload cut
// where the refund's created_at goes, which only the database knows.
struct RefundDraft
{
    QString merchantId;
    QString paymentId;
    CreateRefundRequest request;
    QString refundId;
    QString jobId;
    QString logId;    // the refund.created event's delivery log
    QString eventId;  // evt_…
    JsonPieces json;  // the refund's canonical JSON around created_at
    JsonPieces event; // the event's payload around the refund's JSON
};

struct WrittenRefund
{
    QByteArray json;    // the refund as the API answers it (compact, keys sorted)
    QList<JobRef> jobs; // the refund job, then the event's delivery if it is sent
};

class RefundBatch
{
public:
    explicit RefundBatch(Connection &c) : m_c(c) {}

    // 404 for a payment id that cannot exist, without asking the database.
    static Result<RefundDraft> draft(const Merchant &merchant, const QString &paymentId,
                                     const CreateRefundRequest &r);

    // One statement for every draft (at most one per payment). The outer error means a statement
    // failed as a whole (nothing was written); otherwise one outcome per draft, in order: the
    // refund, 404 (ApiError::paymentNotFound), or 400 when the payment is not `success` or has less
    // left than the amount (read after the statement, so the amount said is current).
    Result<QList<Result<WrittenRefund>>> insert(const QList<const RefundDraft *> &drafts);
    // After insert failed with its outcome unknown (as PaymentBatch::written): each draft's
    // refund as written, where the synchronous standby holds it too, or 503 when it is not there.
    Result<QList<Result<WrittenRefund>>> written(const QList<const RefundDraft *> &drafts);

private:
    Connection &m_c;
};

} // namespace gw::store
