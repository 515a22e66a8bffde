#pragma once
// ConnectionSettings: where the console connects and with which credentials, kept in the
// platform's settings file. The secret is written only when the operator asks for it.
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
};

} // namespace gw::console
