#pragma once
// A merchant as the API layer sees it after authentication: one mode (live or test) of a merchant
// account, with its key, its hashed secrets and its webhook settings.
#include <QDateTime>
#include <QString>

namespace gw {

struct Merchant
{
    QString id;        // this mode's id: every object of the mode carries it as merchant_id
    QString accountId; // shared by the account's live and test rows
    QString name;
    QString email;
    QString apiKey;
    bool livemode = false;
    QString apiSecretHash;         // secrets::hash form, never the secret
    QString previousApiSecretHash; // accepted until previousApiSecretExpiresAt
    QDateTime previousApiSecretExpiresAt;
    QString webhookUrl;
    QString webhookSecret;
    QString previousWebhookSecret;
    QDateTime previousSecretExpiresAt;
    bool active = true;
    int rateLimitPerSecond = 0; // token bucket refill; 0: unlimited
    int rateLimitBurst = 0;
};

} // namespace gw
