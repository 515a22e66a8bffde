#pragma once
// A merchant's webhook settings in the merchants table: the URL and the signing secret, whose
// rotation keeps the previous secret signing for 24 hours.
#include "core/result.h"
#include "store/connection.h"

#include <QDateTime>
#include <QString>

namespace gw::store {

struct WebhookConfig
{
    QString url;                       // empty: none
    QString secret;                    // shown in full only right after a rotation
    QDateTime previousSecretExpiresAt; // invalid: no overlap under way
};

class WebhookConfigStore
{
public:
    explicit WebhookConfigStore(Connection &c) : m_c(c) {}
    Result<WebhookConfig> get(const QString &merchantId);
    Result<WebhookConfig> setUrl(const QString &merchantId, const QString &url);
    // Makes `newSecret` current; the current one becomes the previous one until now() + 24 h.
    Result<WebhookConfig> rotateSecret(const QString &merchantId, const QString &newSecret);

private:
    Connection &m_c;
};

} // namespace gw::store
