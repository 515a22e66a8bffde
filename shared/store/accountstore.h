#pragma once
// Merchant accounts as operators manage them (gateway-admin): creating an account with its live
// and test keys, listing, finding, rotating a key's secret, switching an account off and on.
// Authentication reads the same table through MerchantStore.
#include "core/result.h"
#include "core/secrethash.h"
#include "store/connection.h"

#include <QDateTime>
#include <QList>
#include <optional>

namespace gw::store {

// One mode of an account: its key and what belongs to that mode.
struct AccountKey
{
    QString merchantId; // the merchant_id of this mode's objects
    QString apiKey;
    bool livemode = false;
    QString webhookUrl;
    QDateTime previousSecretExpiresAt; // invalid: no rotation grace period under way
};

struct Account
{
    QString id;
    QString name;
    QString email;
    bool active = true;
    QDateTime createdAt;
    int ratePerSecond = 0; // the token bucket of each key; 0: unlimited
    int rateBurst = 0;
    QList<AccountKey> keys; // live first
};

struct NewAccount
{
    QString name;
    QString email;
    QString webhookUrl;
};

// What exists only at creation: the secrets in the clear, shown once.
struct CreatedKey
{
    QString apiKey;
    QString apiSecret;
    QString webhookSecret;
    bool livemode = false;
};

struct CreatedAccount
{
    Account account;
    QList<CreatedKey> keys;
};

struct RotatedKey
{
    QString apiKey;
    QString apiSecret;                 // the new one, shown once
    QDateTime previousSecretExpiresAt; // invalid: the old secret stopped at once
};

class AccountStore
{
public:
    // New accounts' limit per key: 25 requests a second, bursts of 50.
    static constexpr int kDefaultRatePerSecond = 25;
    static constexpr int kDefaultRateBurst = 50;

    // `hasher` makes the stored form of the secrets it issues.
    AccountStore(Connection &c, secrets::Hasher hasher) : m_c(c), m_hasher(std::move(hasher)) {}

    // A live and a test key; 400 when the email already has an account.
    Result<CreatedAccount> create(const NewAccount &account);
    Result<QList<Account>> list();
    // By account id, either mode's merchant id, or either key; 404 when nothing matches.
    Result<Account> find(const QString &idOrKey);
    // A new secret for `apiKey`; the old one stays valid for `graceSeconds` (0: refused at once).
    Result<RotatedKey> rotate(const QString &apiKey, qint64 graceSeconds);
    Result<Account> setActive(const QString &idOrKey, bool active);
    // Both keys' limit; perSecond 0: unlimited.
    Result<Account> setRateLimit(const QString &idOrKey, int perSecond, int burst);

private:
    Result<QList<Account>> select(const QString &where, const QVariantList &values);
    Connection &m_c;
    secrets::Hasher m_hasher;
};

} // namespace gw::store
