#pragma once
// API secrets at rest: a salted SHA-256, "sha256$<salt: 32 hex>$<digest: 64 hex>", digest =
// SHA-256(salt text || secret). The secrets are random and long, so a fast hash is enough (nothing
// to gain from a slow password hash) and keeps authentication cheap; the salt makes equal secrets
// hash differently. Migration 060 computes the same format in SQL for secrets written in the clear.
#include <QByteArray>
#include <QString>

namespace gw::secrets {

// A fresh salt and the stored form of `secret`.
QString hash(const QString &secret);
// True when `secret` hashes to `stored` (compared in constant time); false for a malformed
// `stored`.
bool matches(const QString &stored, const QByteArray &secret);
// A new API secret: `prefix` followed by 32 random characters of [A-Za-z0-9].
QString generate(QStringView prefix);

} // namespace gw::secrets
