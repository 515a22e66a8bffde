#pragma once
// A merchant as the API layer sees it after authentication.
#include <QDateTime>
#include <QString>

namespace gw {

struct Merchant
{
    QString id;
    QString name;
    QString email;
    QString apiKey;
    QString apiSecret;
    QString webhookUrl;
    QString webhookSecret;
    QString previousWebhookSecret;
    QDateTime previousSecretExpiresAt;
    bool active = true;
};

} // namespace gw
