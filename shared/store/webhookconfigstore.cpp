#include "store/webhookconfigstore.h"

#include "store/page.h"
#include "store/sql.h"

namespace gw::store {

namespace {
QString configColumns()
{
    return QStringLiteral(
        "coalesce(webhook_url, ''), webhook_secret,"
        " CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END");
}

Result<WebhookConfig> one(Result<QSqlQuery> q)
{
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(QStringLiteral("Merchant not found"));
    WebhookConfig c;
    c.url = q->value(0).toString();
    c.secret = q->value(1).toString();
    if (!q->value(2).isNull())
        c.previousSecretExpiresAt = q->value(2).toDateTime().toUTC();
    return c;
}
} // namespace

Result<WebhookConfig> WebhookConfigStore::get(const QString &merchantId)
{
    return one(exec(m_c,
                    QStringLiteral("SELECT ") + configColumns() +
                        QStringLiteral(" FROM merchants WHERE id = ?::uuid"),
                    {merchantId}));
}

Result<WebhookConfig> WebhookConfigStore::setUrl(const QString &merchantId, const QString &url)
{
    return one(exec(m_c,
                    QStringLiteral("UPDATE merchants SET webhook_url = ?, updated_at = now() WHERE "
                                   "id = ?::uuid RETURNING ") +
                        configColumns(),
                    {textOrNull(url), merchantId}));
}

Result<WebhookConfig> WebhookConfigStore::rotateSecret(const QString &merchantId,
                                                       const QString &newSecret)
{
    return one(exec(
        m_c,
        QStringLiteral("UPDATE merchants SET previous_webhook_secret = webhook_secret,"
                       " previous_secret_expires_at = now() + interval '24 hours',"
                       " webhook_secret = ?, updated_at = now() WHERE id = ?::uuid RETURNING ") +
            configColumns(),
        {newSecret, merchantId}));
}

} // namespace gw::store
