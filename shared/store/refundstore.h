#pragma once
// The refunds table, read. A refund is written by store::RefundBatch, with its reservation on
// the payment, its job and its event, in one statement.
#include "core/listquery.h"
#include "core/refund.h"
#include "store/connection.h"
#include "store/page.h"

#include <optional>

namespace gw::store {

class RefundStore
{
public:
    explicit RefundStore(Connection &c) : m_c(c) {}
    Result<std::optional<Refund>> find(const QString &merchantId, const QString &id);
    // Filters: status, payment_id (empty: every payment).
    Result<Page<Refund>> list(const QString &merchantId, const QString &paymentId,
                              const ListQuery &query);

private:
    Connection &m_c;
};

} // namespace gw::store
