#include "store/idempotencystore.h"

#include "store/sql.h"

namespace gw::store {

Result<bool> IdempotencyStore::claim(const QString &merchantId, const QString &key,
                                     const QString &requestHash)
{
    auto q = exec(
        m_c,
        QStringLiteral(
            "INSERT INTO idempotency_keys (merchant_id, key, request_hash) VALUES (?::uuid, ?, ?)"
            " ON CONFLICT (merchant_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,"
            " response_status = NULL, response_body = NULL, created_at = now(),"
            " expires_at = now() + interval '24 hours'"
            " WHERE idempotency_keys.expires_at < now() RETURNING 1"),
        {merchantId, key, requestHash});
    if (!q)
        return q.error();
    return q->next();
}

Result<std::optional<StoredResponse>> IdempotencyStore::find(const QString &merchantId,
                                                             const QString &key)
{
    auto q = exec(
        m_c,
        QStringLiteral(
            "SELECT request_hash, coalesce(response_status, 0), response_body FROM idempotency_keys"
            " WHERE merchant_id = ?::uuid AND key = ? AND expires_at >= now()"),
        {merchantId, key});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<StoredResponse>{};
    return std::optional<StoredResponse>(
        StoredResponse{q->value(0).toString(), q->value(1).toInt(), q->value(2).toByteArray()});
}

Status IdempotencyStore::complete(const QString &merchantId, const QString &key, int status,
                                  const QByteArray &body)
{
    auto q =
        exec(m_c,
             QStringLiteral("UPDATE idempotency_keys SET response_status = ?, response_body = ?"
                            " WHERE merchant_id = ?::uuid AND key = ?"),
             {status, body, merchantId, key});
    if (!q)
        return q.error();
    return Done{};
}

} // namespace gw::store
