#include "server/auth.h"

#include "store/merchantstore.h"

#include <QCryptographicHash>
#include <openssl/crypto.h>

namespace gw::http {

namespace {
ApiError invalidCredentials()
{
    return {ErrorCode::Authentication, QStringLiteral("Invalid API credentials"), {}};
}

Result<Merchant> byKey(const QHttpServerRequest &request, store::Connection &db)
{
    const QByteArray key = request.value(QByteArrayLiteral("X-Api-Key"));
    if (key.isEmpty() || key.size() > 255)
        return invalidCredentials();
    auto found = store::MerchantStore(db).findByApiKey(QString::fromUtf8(key));
    if (!found)
        return found.error();
    if (!found.value())
        return invalidCredentials();
    return *found.value();
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
    const QByteArray secret = request.value(QByteArrayLiteral("X-Api-Secret"));
    auto merchant = byKey(request, db);
    if (!merchant)
        return merchant;
    if (secret.isEmpty() || !constantTimeEquals(secret, merchant->apiSecret.toUtf8()))
        return invalidCredentials();
    return merchant;
}

Result<Merchant> authenticateKeyOnly(const QHttpServerRequest &request, store::Connection &db)
{
    return byKey(request, db);
}

} // namespace gw::http
