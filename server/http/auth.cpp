#include "server/http/auth.h"

#include "core/secrethash.h"
#include "server/http/authcache.h"
#include "store/merchantstore.h"

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

// The current secret, or the previous one during the grace period of a rotation.
bool secretAccepted(const secrets::Hasher &hasher, const Merchant &m, const QByteArray &secret)
{
    if (hasher.matches(m.apiSecretHash, secret))
        return true;
    return !m.previousApiSecretHash.isEmpty() &&
           QDateTime::currentDateTimeUtc() < m.previousApiSecretExpiresAt &&
           hasher.matches(m.previousApiSecretHash, secret);
}
Result<Merchant> checkSecret(const QHttpServerRequest &request, Result<Merchant> merchant,
                             const QByteArray &secretHashKey)
{
    if (!merchant)
        return merchant;
    const QByteArray secret = request.value(QByteArrayLiteral("X-Api-Secret"));
    if (secret.isEmpty() || secret.size() > 255 ||
        !secretAccepted(secrets::Hasher(secretHashKey), merchant.value(), secret))
        return invalidCredentials();
    return merchant;
}
} // namespace

Result<Merchant> authenticate(const QHttpServerRequest &request, store::Connection &db,
                              const QByteArray &secretHashKey)
{
    return checkSecret(request, byKey(request, db), secretHashKey);
}

Result<Merchant> authenticate(const QHttpServerRequest &request, ServerContext &ctx)
{
    return checkSecret(request, byKey(request, ctx.db, ctx.authCache), ctx.config.apiSecretHashKey);
}

Result<Merchant> authenticateKeyOnly(const QHttpServerRequest &request, ServerContext &ctx)
{
    return byKey(request, ctx.db, ctx.authCache);
}

} // namespace gw::http
