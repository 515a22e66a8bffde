#pragma once
// The idempotency_keys table (SPEC.md "Idempotency") and the protocol around it. A key is claimed
// inside the transaction that does the work and its response is stored in that same transaction,
// so an object never exists without its stored response. A second request with the key waits on
// the claim's row lock until the first commits, then finds the stored response (or, if the first
// rolled back, claims the key itself). Rows past expires_at count as absent.
#include "core/result.h"
#include "store/connection.h"

#include <QByteArray>
#include <functional>
#include <optional>

namespace gw::store {

// What a keyed request's work answered, and how much of it stays.
struct KeyedAnswer
{
    enum class Keep {
        WorkAndAnswer, // both commit
        AnswerOnly,    // the work is undone (to a savepoint after the claim), its answer stored
        Nothing,       // all rolled back, the key free again: an answer not to replay (a 5xx)
    };
    Keep keep = Keep::WorkAndAnswer;
    int status = 0;
    QByteArray body;
};

// The answer to give: the work's own (replayed false) or the one stored by an earlier request.
struct KeyedOutcome
{
    bool replayed = false;
    int status = 0;
    QByteArray body;
};

class IdempotencyStore
{
public:
    explicit IdempotencyStore(Connection &c) : m_c(c) {}

    // Runs `work` at most once for (merchant, key): BEGIN, the claim, a savepoint, the work, the
    // answer stored with the key, COMMIT. A key whose answer is stored replays it; a key used
    // with another request hash is IdempotencyMismatch, one whose first request has not
    // committed yet IdempotencyInFlight. `work` runs inside the transaction on this connection.
    Result<KeyedOutcome> runOnce(const QString &merchantId, const QString &key,
                                 const QString &requestHash,
                                 const std::function<KeyedAnswer()> &work);

private:
    struct StoredResponse
    {
        QString requestHash;
        int status = 0; // 0: the first request is still running
        QByteArray body;
    };

    // True when this transaction now owns the key; false when a live record exists.
    Result<bool> claim(const QString &merchantId, const QString &key, const QString &requestHash);
    Result<std::optional<StoredResponse>> find(const QString &merchantId, const QString &key);
    // The stored answer of a key this transaction could not claim.
    Result<KeyedOutcome> replay(const QString &merchantId, const QString &key,
                                const QString &requestHash);
    OkOrError complete(const QString &merchantId, const QString &key, int status,
                       const QByteArray &body);

    Connection &m_c;
};

} // namespace gw::store
