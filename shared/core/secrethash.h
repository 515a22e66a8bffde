#pragma once
// API secrets at rest: a keyed hash, "hmac-sha256$<salt: 32 hex>$<mac: 64 hex>",
// mac = HMAC-SHA256(key, SHA-256(salt text || secret)). The key (API_SECRET_HASH_KEY, see
// core/config.h) is held by the gateway's processes and never stored in the database, so a copy of
// the table alone cannot test guesses. The secrets are random and long, so a fast hash is enough
// (nothing to gain from a slow password hash) and keeps authentication cheap; the salt makes equal
// secrets hash differently. The inner SHA-256 is the earlier unkeyed form
// ("sha256$<salt>$<digest>", migration 060), which is why those rows convert without their secret.
#include <QByteArray>
#include <QString>
#include <optional>

namespace gw::secrets {

class Hasher
{
public:
    explicit Hasher(QByteArray key) : m_key(std::move(key)) {}

    // A fresh salt and the stored form of `secret`.
    QString hash(const QString &secret) const;
    // True when `secret` hashes to `stored` under this key (compared in constant time); false for
    // a malformed `stored` or one made with another key.
    bool matches(const QString &stored, const QByteArray &secret) const;
    // The keyed form of an unkeyed "sha256$salt$digest"; nullopt when `stored` is not one.
    std::optional<QString> keyUnkeyed(const QString &stored) const;
    // Names the key without revealing it (HMAC of a fixed label, 16 hex): the database keeps the
    // fingerprint of the key its secrets were hashed with, so a process with another key is
    // stopped at start-up instead of refusing every merchant.
    QString fingerprint() const;

private:
    QByteArray m_key;
};

// A new API secret: `prefix` followed by 32 random characters of [A-Za-z0-9].
QString generate(QStringView prefix);

} // namespace gw::secrets
