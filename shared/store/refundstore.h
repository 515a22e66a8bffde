#pragma once
// The refunds table. A refund reserves its amount on the payment (payments.refunds_reserved) in
// the same statement that inserts it, conditional on what remains, so no interleaving of
// requests can refund more than the payment's amount; its job and event are written by that
// statement too.
#include "core/job.h"
#include "core/listquery.h"
#include "core/merchant.h"
#include "core/refund.h"
#include "core/requests.h"
#include "store/connection.h"
#include "store/page.h"

#include <optional>

namespace gw::store {

struct CreatedRefund
{
    Refund refund;
    QList<JobRef> jobs; // the refund job, then the event's webhook job if there is one
};

class RefundStore
{
public:
    explicit RefundStore(Connection &c) : m_c(c) {}
    // A refund and everything that commits with it, in ONE statement (one round trip, and its
    // own transaction in autocommit): the reservation on the payment, the refund, its job, its
    // refund.created event and, for a merchant with a webhook URL, that event's webhook job.
    // 404 when the payment is not the merchant's; 400 unless it is `success` with enough left.
    Result<CreatedRefund> create(const Merchant &merchant, const QString &paymentId,
                                 const CreateRefundRequest &request);
    Result<std::optional<Refund>> find(const QString &merchantId, const QString &id);
    // Filters: status, payment_id (empty: every payment).
    Result<Page<Refund>> list(const QString &merchantId, const QString &paymentId,
                              const ListQuery &query);

private:
    Connection &m_c;
};

} // namespace gw::store
