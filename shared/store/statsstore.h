#pragma once
// The numbers behind GET /api/v1/stats, computed in PostgreSQL: one grouped scan of the merchant's
// payments in the range, one of its delivery logs, one of its refunds, each an index-only walk of
// the covering (merchant_id, created_at, id) indexes of migration 050.
#include "core/result.h"
#include "core/stats.h"
#include "store/connection.h"

namespace gw::store {

class StatsStore
{
public:
    explicit StatsStore(Connection &c) : m_c(c) {}
    // Everything but the job counts (those live in Redis).
    Result<Stats> load(const QString &merchantId, const StatsQuery &query);

    // Delivery logs of every merchant still to send and given up on (for /metrics), each
    // counted on its partial index.
    struct DeliveryBacklog
    {
        qint64 pending = 0;
        qint64 failed = 0;
    };
    Result<DeliveryBacklog> deliveryBacklog();

private:
    Connection &m_c;
};

} // namespace gw::store
