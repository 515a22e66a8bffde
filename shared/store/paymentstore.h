#pragma once
// The payments table: creation from an order, reads, lists and capture. Every statement is
// scoped to the merchant, so another merchant's id is simply not found.
#include "core/listquery.h"
#include "core/payment.h"
#include "core/requests.h"
#include "store/connection.h"
#include "store/page.h"

#include <QHash>
#include <optional>

namespace gw::store {

class PaymentStore
{
public:
    explicit PaymentStore(Connection &c) : m_c(c) {}
    // (Payments are created by store::PaymentBatch, one or many in one statement.)
    Result<std::optional<Payment>> find(const QString &merchantId, const QString &id);
    // Filters: status, method, order_id, from, to.
    Result<Page<Payment>> list(const QString &merchantId, const ListQuery &query);
    // The live payment (pending or success) of each of these orders of the merchant that has one.
    Result<QHash<QString, LivePayment>> live(const QString &merchantId,
                                             const QStringList &orderIds);
    Result<std::optional<LivePayment>> live(const QString &merchantId, const QString &orderId);
    // Every success that paid its order again, of every merchant (oldest first), refunded or not.
    Result<QList<DuplicatePayment>> duplicates();
    // Marks a successful, uncaptured payment captured, at most once; `amount` must equal the
    // payment's amount when given.
    Result<Payment> capture(const QString &merchantId, const QString &id,
                            std::optional<qint64> amount);

private:
    Connection &m_c;
};

} // namespace gw::store
