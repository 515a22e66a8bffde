#include "store/accountstore.h"

#include "core/ids.h"
#include "store/page.h"
#include "store/sql.h"

#include <QUuid>

namespace gw::store {

namespace {
// The account a row id, an account id or a key names.
const QString kAccountOf = QStringLiteral("account_id = (SELECT account_id FROM merchants WHERE "
                                          "id::text = ? OR account_id::text = ? OR api_key = ?"
                                          " ORDER BY livemode DESC LIMIT 1)");

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ApiError accountNotFound(const QString &idOrKey)
{
    return ApiError::notFound(QStringLiteral("No merchant has the id or key \"%1\"").arg(idOrKey));
}
} // namespace

Result<QList<Account>> AccountStore::select(const QString &where, const QVariantList &values)
{
    auto q =
        exec(m_c,
             QStringLiteral(
                 "SELECT account_id, name, email, is_active, created_at, id, api_key, livemode,"
                 " coalesce(webhook_url, ''),"
                 " CASE WHEN previous_api_secret_expires_at > now() THEN "
                 "previous_api_secret_expires_at END,"
                 " coalesce(rate_limit_per_second, 0), coalesce(rate_limit_burst, 0)"
                 " FROM merchants WHERE ") +
                 where + QStringLiteral(" ORDER BY created_at, account_id, livemode DESC"),
             values);
    if (!q)
        return q.error();
    QList<Account> accounts;
    while (q->next()) {
        const QString accountId = q->value(0).toString();
        if (accounts.isEmpty() || accounts.last().id != accountId) {
            Account a;
            a.id = accountId;
            a.name = q->value(1).toString();
            a.email = q->value(2).toString();
            a.ratePerSecond = q->value(10).toInt();
            a.rateBurst = q->value(11).toInt();
            a.active = q->value(3).toBool();
            a.createdAt = q->value(4).toDateTime().toUTC();
            accounts << a;
        }
        Account &a = accounts.last();
        a.active = a.active && q->value(3).toBool();
        AccountKey k;
        k.merchantId = q->value(5).toString();
        k.apiKey = q->value(6).toString();
        k.livemode = q->value(7).toBool();
        k.webhookUrl = q->value(8).toString();
        if (!q->value(9).isNull())
            k.previousSecretExpiresAt = q->value(9).toDateTime().toUTC();
        a.keys << k;
    }
    return accounts;
}

Result<CreatedAccount> AccountStore::create(const NewAccount &account)
{
    return inTransaction<CreatedAccount>(m_c, [&]() -> Result<CreatedAccount> {
        auto taken =
            exec(m_c, QStringLiteral("SELECT 1 FROM merchants WHERE lower(email) = lower(?)"),
                 {account.email});
        if (!taken)
            return taken.error();
        if (taken->next())
            return ApiError::badRequest(
                QStringLiteral("A merchant with the email %1 exists already").arg(account.email),
                QStringLiteral("email"));
        const QString accountId = newUuid();
        CreatedAccount created;
        for (const bool live : {true, false}) {
            CreatedKey key;
            key.livemode = live;
            key.apiKey = ids::make(live ? u"key_live_" : u"key_test_");
            key.apiSecret = secrets::generate(live ? u"secret_live_" : u"secret_test_");
            key.webhookSecret = secrets::generate(u"whsec_");
            auto q = exec(
                m_c,
                QStringLiteral(
                    "INSERT INTO merchants (id, account_id, name, email, api_key, livemode,"
                    " api_secret, webhook_url, webhook_secret, rate_limit_per_second,"
                    " rate_limit_burst) VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {live ? accountId : newUuid(), accountId, account.name, account.email, key.apiKey,
                 live, m_hasher.hash(key.apiSecret), textOrNull(account.webhookUrl),
                 key.webhookSecret, kDefaultRatePerSecond, kDefaultRateBurst});
            if (!q)
                return q.error();
            created.keys << key;
        }
        auto rows = select(QStringLiteral("account_id = ?::uuid"), {accountId});
        if (!rows)
            return rows.error();
        created.account = rows->value(0);
        return created;
    });
}

Result<QList<Account>> AccountStore::list()
{
    return select(QStringLiteral("true"), {});
}

Result<Account> AccountStore::find(const QString &idOrKey)
{
    auto rows = select(kAccountOf, {idOrKey, idOrKey, idOrKey});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return accountNotFound(idOrKey);
    return rows->first();
}

Result<RotatedKey> AccountStore::rotate(const QString &apiKey, qint64 graceSeconds)
{
    RotatedKey rotated;
    rotated.apiKey = apiKey;
    rotated.apiSecret = secrets::generate(
        apiKey.startsWith(QStringLiteral("key_live_")) ? u"secret_live_" : u"secret_test_");
    // With no grace period the old secret is dropped at once rather than kept with a past expiry.
    auto q =
        exec(m_c,
             QStringLiteral("UPDATE merchants SET"
                            " previous_api_secret = CASE WHEN ? > 0 THEN api_secret END,"
                            " previous_api_secret_expires_at = CASE WHEN ? > 0 THEN now() + ? * "
                            "interval '1 second' END,"
                            " api_secret = ?, updated_at = now() WHERE api_key = ? RETURNING "
                            "previous_api_secret_expires_at"),
             {graceSeconds, graceSeconds, graceSeconds, m_hasher.hash(rotated.apiSecret), apiKey});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(QStringLiteral("No merchant has the key \"%1\"").arg(apiKey));
    if (!q->value(0).isNull())
        rotated.previousSecretExpiresAt = q->value(0).toDateTime().toUTC();
    return rotated;
}

Result<Account> AccountStore::setActive(const QString &idOrKey, bool active)
{
    auto q = exec(m_c,
                  QStringLiteral("UPDATE merchants SET is_active = ?, updated_at = now() WHERE ") +
                      kAccountOf,
                  {active, idOrKey, idOrKey, idOrKey});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return accountNotFound(idOrKey);
    return find(idOrKey);
}

Result<Account> AccountStore::setRateLimit(const QString &idOrKey, int perSecond, int burst)
{
    const QVariant rate =
        perSecond > 0 ? QVariant(perSecond) : QVariant(QMetaType::fromType<int>());
    const QVariant size = perSecond > 0 ? QVariant(burst) : QVariant(QMetaType::fromType<int>());
    auto q =
        exec(m_c,
             QStringLiteral("UPDATE merchants SET rate_limit_per_second = ?, rate_limit_burst = ?,"
                            " updated_at = now() WHERE ") +
                 kAccountOf,
             {rate, size, idOrKey, idOrKey, idOrKey});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return accountNotFound(idOrKey);
    return find(idOrKey);
}

} // namespace gw::store
