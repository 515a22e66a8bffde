#include "console/connectionsettings.h"

#include <QSettings>

namespace gw::console {

namespace {
const QString kUrl = QStringLiteral("connection/api_url");
const QString kKey = QStringLiteral("connection/api_key");
const QString kSecret = QStringLiteral("connection/api_secret");
const QString kRemember = QStringLiteral("connection/remember_secret");
const QString kProfiles = QStringLiteral("profiles");
const QString kProfileUrl = QStringLiteral("api_url");
const QString kProfileKey = QStringLiteral("api_key");
const QString kProfileSecret = QStringLiteral("api_secret");
const QString kProfileRemember = QStringLiteral("remember_secret");
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

bool ConnectionSettings::sameProfile(const ConnectionSettings &other) const
{
    return apiUrl == other.apiUrl && apiKey == other.apiKey;
}

QString ConnectionSettings::label() const
{
    return QStringLiteral("%1 at %2").arg(apiKey, apiUrl.authority());
}

QList<ConnectionSettings> ConnectionSettings::loadProfiles(QSettings &settings)
{
    QList<ConnectionSettings> profiles;
    const int n = settings.beginReadArray(kProfiles);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ConnectionSettings c;
        c.apiUrl = QUrl(settings.value(kProfileUrl).toString());
        c.apiKey = settings.value(kProfileKey).toString();
        c.rememberSecret = settings.value(kProfileRemember, false).toBool();
        if (c.rememberSecret)
            c.apiSecret = settings.value(kProfileSecret).toString();
        if (c.apiUrl.isValid() && !c.apiKey.isEmpty())
            profiles << c;
    }
    settings.endArray();
    return profiles;
}

void ConnectionSettings::saveProfiles(QSettings &settings,
                                      const QList<ConnectionSettings> &profiles)
{
    settings.remove(kProfiles);
    settings.beginWriteArray(kProfiles, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionSettings &c = profiles[i];
        settings.setArrayIndex(i);
        settings.setValue(kProfileUrl, c.apiUrl.toString());
        settings.setValue(kProfileKey, c.apiKey);
        settings.setValue(kProfileRemember, c.rememberSecret);
        if (c.rememberSecret)
            settings.setValue(kProfileSecret, c.apiSecret);
    }
    settings.endArray();
    settings.sync();
}

} // namespace gw::console
