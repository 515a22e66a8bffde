#include "server/auth.h"

#include "server/authcache.h"
#include "store/merchantstore.h"

#include <QCryptographicHash>
#include <openssl/crypto.h>

namespace gw::http {

namespace {
ApiError invalidCredentials()
{
    return {ErrorCode::Authentication, QStringLiteral("Invalid API credentials"), {}};
}

Result<Merchant> byKey(const QHttpServerRequest &request, store::Connection &db,
                       AuthCache *cache = nullptr)
{
    const QByteArray key = request.value(QByteArrayLiteral("X-Api-Key"));
    if (key.isEmpty() || key.size() > 255)
        return invalidCredentials();
    const QString apiKey = QString::fromUtf8(key);
    if (cache)
        if (auto hit = cache->find(apiKey))
            return *hit;
    auto found = store::MerchantStore(db).findByApiKey(apiKey);
    if (!found)
        return found.error();
    if (!found.value())
        return invalidCredentials();
    if (cache)
        cache->insert(*found.value());
    return *found.value();
}

Result<Merchant> checkSecret(const QHttpServerRequest &request, Result<Merchant> merchant)
{
    if (!merchant)
        return merchant;
    const QByteArray secret = request.value(QByteArrayLiteral("X-Api-Secret"));
    if (secret.isEmpty() || !constantTimeEquals(secret, merchant->apiSecret.toUtf8()))
        return invalidCredentials();
    return merchant;
}
} // namespace

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Compare fixed-size digests so that neither the content nor the length leaks through timing.
    const QByteArray da = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray dbh = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    return CRYPTO_memcmp(da.constData(), dbh.constData(), size_t(da.size())) == 0;
}

Result<Merchant> authenticate(const QHttpServerRequest &request, store::Connection &db)
{
    return checkSecret(request, byKey(request, db));
}

Result<Merchant> authenticate(const QHttpServerRequest &request, ServerContext &ctx)
{
    return checkSecret(request, byKey(request, ctx.db, ctx.authCache));
}

Result<Merchant> authenticateKeyOnly(const QHttpServerRequest &request, ServerContext &ctx)
{
    return byKey(request, ctx.db, ctx.authCache);
}

Result<Merchant> authenticateKeyOnly(const QHttpServerRequest &request, store::Connection &db)
{
    return byKey(request, db);
}

} // namespace gw::http
