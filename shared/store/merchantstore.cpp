#include "store/merchantstore.h"

#include "store/sql.h"

namespace gw::store {

Result<std::optional<Merchant>> MerchantStore::findByApiKey(const QString &apiKey)
{
    return findOne(QStringLiteral("api_key = ?"), apiKey);
}

Result<std::optional<Merchant>> MerchantStore::findById(const QString &id)
{
    return findOne(QStringLiteral("id = ?::uuid"), id);
}

Result<std::optional<Merchant>> MerchantStore::findOne(const QString &where, const QString &value)
{
    auto q = exec(
        m_c,
        QStringLiteral("SELECT id, name, email, api_key, api_secret, coalesce(webhook_url, ''),"
                       " webhook_secret, coalesce(previous_webhook_secret, ''),"
                       " previous_secret_expires_at, is_active"
                       " FROM merchants WHERE is_active AND ") +
            where,
        {value});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Merchant>{};
    Merchant m;
    m.id = q->value(0).toString();
    m.name = q->value(1).toString();
    m.email = q->value(2).toString();
    m.apiKey = q->value(3).toString();
    m.apiSecret = q->value(4).toString();
    m.webhookUrl = q->value(5).toString();
    m.webhookSecret = q->value(6).toString();
    m.previousWebhookSecret = q->value(7).toString();
    m.previousSecretExpiresAt = q->value(8).toDateTime();
    m.active = q->value(9).toBool();
    return std::optional<Merchant>(m);
}

} // namespace gw::store
