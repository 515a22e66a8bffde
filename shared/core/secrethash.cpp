#include "core/secrethash.h"

#include "core/ids.h"

#include <QCryptographicHash>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace gw::secrets {

namespace {
const QString kScheme = QStringLiteral("hmac-sha256");
const QString kUnkeyedScheme = QStringLiteral("sha256");
constexpr qsizetype kSaltHex = 32;
constexpr qsizetype kDigestHex = 64;

QByteArray digest(QByteArrayView salt, QByteArrayView secret)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(salt);
    h.addData(secret);
    return h.result();
}

QByteArray mac(const QByteArray &key, const QByteArray &message)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()),
              reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()),
              out, &size))
        qFatal("HMAC-SHA256 failed"); // OpenSSL itself is broken: nothing is safe
    return QByteArray(reinterpret_cast<const char *>(out), int(size));
}

// The salt and the hex digest of `stored` when it is "<scheme>$<32 hex>$<64 hex>". Fixed
// positions, no allocation: this runs on every request.
bool split(const QString &stored, const QString &scheme, QStringView &salt, QStringView &hex)
{
    const qsizetype saltAt = scheme.size() + 1;
    const qsizetype digestAt = saltAt + kSaltHex + 1;
    if (stored.size() != digestAt + kDigestHex || !stored.startsWith(scheme) ||
        stored[saltAt - 1] != u'$' || stored[digestAt - 1] != u'$')
        return false;
    salt = QStringView(stored).mid(saltAt, kSaltHex);
    hex = QStringView(stored).mid(digestAt);
    return true;
}

QString join(const QString &scheme, QStringView salt, const QByteArray &raw)
{
    return scheme + QLatin1Char('$') + salt + QLatin1Char('$') + QString::fromLatin1(raw.toHex());
}
} // namespace

QString Hasher::hash(const QString &secret) const
{
    unsigned char raw[kSaltHex / 2];
    if (RAND_bytes(raw, int(sizeof raw)) != 1)
        qFatal("RAND_bytes failed"); // the OS RNG is gone: nothing is safe
    const QByteArray salt = QByteArray(reinterpret_cast<const char *>(raw), sizeof raw).toHex();
    return join(kScheme, QString::fromLatin1(salt), mac(m_key, digest(salt, secret.toUtf8())));
}

bool Hasher::matches(const QString &stored, const QByteArray &secret) const
{
    QStringView salt, hex;
    if (!split(stored, kScheme, salt, hex))
        return false;
    const QByteArray expected = QByteArray::fromHex(hex.toLatin1());
    const QByteArray actual = mac(m_key, digest(salt.toLatin1(), secret));
    return expected.size() == actual.size() &&
           CRYPTO_memcmp(expected.constData(), actual.constData(), size_t(actual.size())) == 0;
}

std::optional<QString> Hasher::keyUnkeyed(const QString &stored) const
{
    QStringView salt, hex;
    if (!split(stored, kUnkeyedScheme, salt, hex))
        return std::nullopt;
    const QByteArray inner = QByteArray::fromHex(hex.toLatin1());
    if (inner.size() != kDigestHex / 2)
        return std::nullopt;
    return join(kScheme, salt, mac(m_key, inner));
}

QString Hasher::fingerprint() const
{
    return QString::fromLatin1(
        mac(m_key, QByteArrayLiteral("payment-gateway api secret hash key")).toHex().left(16));
}

QString generate(QStringView prefix)
{
    return ids::make(prefix) + ids::make(u"");
}

} // namespace gw::secrets
