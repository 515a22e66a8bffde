#pragma once
// ConnectionSettings: where the console connects and with which credentials, kept in the
// platform's settings file, and the list of merchants the operator has connected as (profiles)
// to switch between. A secret is written only when the operator asks for it.
#include <QList>
#include <QString>
#include <QUrl>

class QSettings;

namespace gw::console {

struct ConnectionSettings
{
    QUrl apiUrl = QUrl(QStringLiteral("http://localhost:8000"));
    QString apiKey;
    QString apiSecret;
    bool rememberSecret = false;

    static ConnectionSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // The same merchant on the same API (a profile is replaced by a newer connection as it).
    bool sameProfile(const ConnectionSettings &other) const;
    // "key_test_… at host:port"
    QString label() const;
    static QList<ConnectionSettings> loadProfiles(QSettings &settings);
    static void saveProfiles(QSettings &settings, const QList<ConnectionSettings> &profiles);
};

} // namespace gw::console
