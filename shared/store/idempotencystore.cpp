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

Result<std::optional<IdempotencyStore::StoredResponse>>
IdempotencyStore::find(const QString &merchantId, const QString &key)
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

OkOrError IdempotencyStore::complete(const QString &merchantId, const QString &key, int status,
                                     const QByteArray &body)
{
    auto q =
        exec(m_c,
             QStringLiteral("UPDATE idempotency_keys SET response_status = ?, response_body = ?"
                            " WHERE merchant_id = ?::uuid AND key = ?"),
             {status, body, merchantId, key});
    if (!q)
        return q.error();
    return Ok{};
}

Result<KeyedOutcome> IdempotencyStore::replay(const QString &merchantId, const QString &key,
                                              const QString &requestHash)
{
    auto stored = find(merchantId, key);
    if (!stored)
        return stored.error();
    if (stored.value() && stored.value()->requestHash != requestHash)
        return ApiError{ErrorCode::IdempotencyMismatch,
                        QStringLiteral("This Idempotency-Key was used with a different request"),
                        QStringLiteral("Idempotency-Key")};
    if (!stored.value() || stored.value()->status == 0)
        return ApiError{
            ErrorCode::IdempotencyInFlight,
            QStringLiteral("A request with this Idempotency-Key is still being processed"),
            QStringLiteral("Idempotency-Key")};
    return KeyedOutcome{true, stored.value()->status, stored.value()->body};
}

Result<KeyedOutcome> IdempotencyStore::runOnce(const QString &merchantId, const QString &key,
                                               const QString &requestHash,
                                               const std::function<KeyedAnswer()> &work)
{
    if (auto s = begin(m_c); !s)
        return s.error();
    auto claimed = claim(merchantId, key, requestHash);
    if (!claimed || !claimed.value()) {
        auto stored =
            claimed ? replay(merchantId, key, requestHash) : Result<KeyedOutcome>(claimed.error());
        if (!stored) {
            rollback(m_c);
            return stored;
        }
        // The claim locked the key's row, and a lock is written to the WAL: this commit waits
        // for the synchronous standby, so the answer replayed is one the standby holds too (the
        // first request's COMMIT may have stood on this server alone: answered 503 then).
        if (auto s = commit(m_c); !s)
            return s.error();
        return stored;
    }
    // The work's failure is undone to here, keeping the claim to store its answer with.
    if (auto s = exec(m_c, QStringLiteral("SAVEPOINT work")); !s) {
        rollback(m_c);
        return s.error();
    }
    const KeyedAnswer answer = work();
    const KeyedOutcome outcome{false, answer.status, answer.body};
    if (answer.keep == KeyedAnswer::Keep::Nothing) {
        rollback(m_c);
        return outcome;
    }
    if (answer.keep == KeyedAnswer::Keep::AnswerOnly)
        if (auto s = exec(m_c, QStringLiteral("ROLLBACK TO SAVEPOINT work")); !s) {
            rollback(m_c);
            return s.error();
        }
    if (auto s = complete(merchantId, key, answer.status, answer.body); !s) {
        rollback(m_c);
        return s.error();
    }
    if (auto s = commit(m_c); !s)
        return s.error();
    return outcome;
}

} // namespace gw::store
