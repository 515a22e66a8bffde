#include "console/connectionsettings.h"

#include <QSettings>

namespace gw::console {

namespace {
const QString kUrl = QStringLiteral("connection/api_url");
const QString kKey = QStringLiteral("connection/api_key");
const QString kSecret = QStringLiteral("connection/api_secret");
const QString kRemember = QStringLiteral("connection/remember_secret");
} // namespace

ConnectionSettings ConnectionSettings::load(const QSettings &settings)
{
    ConnectionSettings c;
    c.apiUrl = QUrl(settings.value(kUrl, c.apiUrl.toString()).toString());
    c.apiKey = settings.value(kKey).toString();
    c.rememberSecret = settings.value(kRemember, false).toBool();
    if (c.rememberSecret)
        c.apiSecret = settings.value(kSecret).toString();
    return c;
}

void ConnectionSettings::save(QSettings &settings) const
{
    settings.setValue(kUrl, apiUrl.toString());
    settings.setValue(kKey, apiKey);
    settings.setValue(kRemember, rememberSecret);
    if (rememberSecret)
        settings.setValue(kSecret, apiSecret);
    else
        settings.remove(kSecret);
    settings.sync();
}

} // namespace gw::console
