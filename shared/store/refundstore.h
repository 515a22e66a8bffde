#pragma once
// The refunds table. A refund reserves its amount on the payment (payments.refunds_reserved) in
// the same statement that inserts it, conditional on what remains, so no interleaving of
// requests can refund more than the payment's amount.
#include "core/listquery.h"
#include "core/refund.h"
#include "core/requests.h"
#include "store/connection.h"
#include "store/page.h"

#include <optional>

namespace gw::store {

class RefundStore
{
public:
    explicit RefundStore(Connection &c) : m_c(c) {}
    // 404 when the payment is not the merchant's; 400 unless it is `success` with enough left.
    Result<Refund> create(const QString &merchantId, const QString &paymentId,
                          const CreateRefundRequest &request);
    Result<std::optional<Refund>> find(const QString &merchantId, const QString &id);
    // Filters: status, payment_id (empty: every payment).
    Result<Page<Refund>> list(const QString &merchantId, const QString &paymentId,
                              const ListQuery &query);

private:
    Connection &m_c;
};

} // namespace gw::store
