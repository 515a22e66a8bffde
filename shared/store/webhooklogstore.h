#pragma once
// The webhook delivery logs as the merchant API reads them (webhook_logs, webhook_attempts),
// and the manual retry that sends a log round again.
#include "core/listquery.h"
#include "core/webhooklog.h"
#include "store/connection.h"
#include "store/page.h"

#include <optional>

namespace gw::store {

class WebhookLogStore
{
public:
    explicit WebhookLogStore(Connection &c) : m_c(c) {}
    // Filters: status, event.
    Result<Page<WebhookLog>> list(const QString &merchantId, const ListQuery &query);
    // With payload, response body (first 4 KiB) and every attempt.
    Result<std::optional<WebhookLog>> detail(const QString &merchantId, const QString &id);
    // Back to pending with attempts 0 and due now; the attempt history stays and its numbers
    // keep counting (attempt_base). False when the merchant has no such log.
    Result<bool> resetForRetry(const QString &merchantId, const QString &id);

private:
    Connection &m_c;
};

} // namespace gw::store
