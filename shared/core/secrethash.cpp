#include "core/secrethash.h"

#include "core/ids.h"

#include <QCryptographicHash>
#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace gw::secrets {

namespace {
const QString kScheme = QStringLiteral("sha256");
constexpr qsizetype kSaltHex = 32;
constexpr qsizetype kDigestHex = 64;

QByteArray digest(QByteArrayView salt, QByteArrayView secret)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(salt);
    h.addData(secret);
    return h.result();
}
} // namespace

QString hash(const QString &secret)
{
    unsigned char raw[kSaltHex / 2];
    if (RAND_bytes(raw, int(sizeof raw)) != 1)
        qFatal("RAND_bytes failed"); // the OS RNG is gone: nothing is safe
    const QByteArray salt = QByteArray(reinterpret_cast<const char *>(raw), sizeof raw).toHex();
    return kScheme + QLatin1Char('$') + QString::fromLatin1(salt) + QLatin1Char('$') +
           QString::fromLatin1(digest(salt, secret.toUtf8()).toHex());
}

bool matches(const QString &stored, const QByteArray &secret)
{
    // Fixed positions, no allocation beyond the two small buffers: this runs on every request.
    const qsizetype saltAt = kScheme.size() + 1;
    const qsizetype digestAt = saltAt + kSaltHex + 1;
    if (stored.size() != digestAt + kDigestHex || !stored.startsWith(kScheme) ||
        stored[saltAt - 1] != u'$' || stored[digestAt - 1] != u'$')
        return false;
    const QByteArray expected = QByteArray::fromHex(QStringView(stored).mid(digestAt).toLatin1());
    const QByteArray actual = digest(QStringView(stored).mid(saltAt, kSaltHex).toLatin1(), secret);
    return expected.size() == actual.size() &&
           CRYPTO_memcmp(expected.constData(), actual.constData(), size_t(actual.size())) == 0;
}

QString generate(QStringView prefix)
{
    return ids::make(prefix) + ids::make(u"");
}

} // namespace gw::secrets
