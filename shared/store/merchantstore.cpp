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
        QStringLiteral(
            "SELECT id, account_id, name, email, api_key, livemode, api_secret,"
            " coalesce(previous_api_secret, ''), previous_api_secret_expires_at,"
            " coalesce(webhook_url, ''), webhook_secret, coalesce(previous_webhook_secret, ''),"
            " previous_secret_expires_at, is_active, coalesce(rate_limit_per_second, 0),"
            " coalesce(rate_limit_burst, 0)"
            " FROM merchants WHERE is_active AND ") +
            where,
        {value});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Merchant>{};
    Merchant m;
    int i = 0;
    m.id = q->value(i++).toString();
    m.accountId = q->value(i++).toString();
    m.name = q->value(i++).toString();
    m.email = q->value(i++).toString();
    m.apiKey = q->value(i++).toString();
    m.livemode = q->value(i++).toBool();
    m.apiSecretHash = q->value(i++).toString();
    m.previousApiSecretHash = q->value(i++).toString();
    m.previousApiSecretExpiresAt = q->value(i++).toDateTime();
    m.webhookUrl = q->value(i++).toString();
    m.webhookSecret = q->value(i++).toString();
    m.previousWebhookSecret = q->value(i++).toString();
    m.previousSecretExpiresAt = q->value(i++).toDateTime();
    m.active = q->value(i++).toBool();
    m.rateLimitPerSecond = q->value(i++).toInt();
    m.rateLimitBurst = q->value(i++).toInt();
    return std::optional<Merchant>(m);
}

} // namespace gw::store
