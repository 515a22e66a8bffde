#pragma once
// The payments table: creation from an order, reads, lists and capture. Every statement is
// scoped to the merchant, so another merchant's id is simply not found.
#include "core/listquery.h"
#include "core/payment.h"
#include "core/requests.h"
#include "store/connection.h"
#include "store/page.h"

#include <optional>

namespace gw::store {

class PaymentStore
{
public:
    explicit PaymentStore(Connection &c) : m_c(c) {}
    // (Payments are created by store::PaymentBatch, one or many in one statement.)
    Result<std::optional<Payment>> find(const QString &merchantId, const QString &id);
    // Filters: status, method, from, to.
    Result<Page<Payment>> list(const QString &merchantId, const ListQuery &query);
    // Marks a successful, uncaptured payment captured, at most once; `amount` must equal the
    // payment's amount when given.
    Result<Payment> capture(const QString &merchantId, const QString &id,
                            std::optional<qint64> amount);

private:
    Connection &m_c;
};

} // namespace gw::store
