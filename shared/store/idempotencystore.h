#pragma once
// The idempotency_keys table (SPEC.md "Idempotency"). A key is claimed inside the transaction
// that does the work and its response is stored in that same transaction, so an object never
// exists without its stored response. A second request with the key waits on the claim's row
// lock until the first commits, then finds the stored response (or, if the first rolled back,
// claims the key itself). Rows past expires_at count as absent.
#include "core/result.h"
#include "store/connection.h"

#include <QByteArray>
#include <optional>

namespace gw::store {

struct StoredResponse
{
    QString requestHash;
    int status = 0; // 0: the first request is still running
    QByteArray body;
};

class IdempotencyStore
{
public:
    explicit IdempotencyStore(Connection &c) : m_c(c) {}
    // True when this transaction now owns the key; false when a live record exists.
    Result<bool> claim(const QString &merchantId, const QString &key, const QString &requestHash);
    Result<std::optional<StoredResponse>> find(const QString &merchantId, const QString &key);
    Status complete(const QString &merchantId, const QString &key, int status,
                    const QByteArray &body);

private:
    Connection &m_c;
};

} // namespace gw::store
