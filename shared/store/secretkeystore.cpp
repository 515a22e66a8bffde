#include "store/secretkeystore.h"

#include "core/config.h"
#include "store/sql.h"

namespace gw::store {

namespace {
ApiError otherKey(const QString &recorded, const QString &given)
{
    const bool testModeKey =
        recorded == secrets::Hasher(Config::kTestModeSecretHashKey).fingerprint();
    return ApiError::badRequest(
        QStringLiteral("API_SECRET_HASH_KEY is not the key this database's API secrets were "
                       "hashed with (its fingerprint is %1, the database's %2%3): with it no "
                       "merchant could authenticate. Give every gateway-server and gateway-admin "
                       "the database's key")
            .arg(given, recorded,
                 testModeKey ? QStringLiteral(", the public TEST_MODE key") : QString()),
        QStringLiteral("API_SECRET_HASH_KEY"));
}
} // namespace

Result<int> SecretKeyStore::adopt(const secrets::Hasher &hasher)
{
    const QString fingerprint = hasher.fingerprint();
    return inTransaction<int>(m_c, [&]() -> Result<int> {
        if (auto q = exec(m_c,
                          QStringLiteral("INSERT INTO api_secret_hash_key (fingerprint) VALUES (?)"
                                         " ON CONFLICT (only_row) DO NOTHING"),
                          {fingerprint});
            !q)
            return q.error();
        auto recorded = exec(m_c, QStringLiteral("SELECT fingerprint FROM api_secret_hash_key"));
        if (!recorded)
            return recorded.error();
        if (!recorded->next())
            return ApiError::server(QStringLiteral("api_secret_hash_key has no row"));
        if (recorded->value(0).toString() != fingerprint)
            return otherKey(recorded->value(0).toString(), fingerprint);

        // FOR UPDATE: a process converting at the same time (outside the migrator's lock) waits,
        // then finds these rows no longer unkeyed.
        auto rows = exec(m_c, QStringLiteral("SELECT id, api_secret, previous_api_secret FROM"
                                             " merchants WHERE api_secret LIKE 'sha256$%' OR"
                                             " previous_api_secret LIKE 'sha256$%' FOR UPDATE"));
        if (!rows)
            return rows.error();
        struct Converted
        {
            QString id;
            QString secret;
            QVariant previous;
        };
        QList<Converted> converted;
        while (rows->next()) {
            const QString secret = rows->value(1).toString();
            Converted c{rows->value(0).toString(), hasher.keyUnkeyed(secret).value_or(secret),
                        rows->value(2)};
            if (!c.previous.isNull())
                c.previous =
                    hasher.keyUnkeyed(c.previous.toString()).value_or(c.previous.toString());
            converted << c;
        }
        for (const Converted &c : converted)
            if (auto q = exec(m_c,
                              QStringLiteral("UPDATE merchants SET api_secret = ?,"
                                             " previous_api_secret = ? WHERE id = ?::uuid"),
                              {c.secret, c.previous, c.id});
                !q)
                return q.error();
        return int(converted.size());
    });
}

} // namespace gw::store
