#pragma once
// ConnectionPage: API URL, key and secret. "Connect" first checks that the API answers at all
// (/health), then that it accepts the credentials, and says which of the two failed. Every
// merchant connected as becomes a profile in the "Merchant" list, so that the operator switches
// between several merchants by choosing one and connecting (secrets stay in memory unless
// remembered).
#include "console/connectionsettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;

namespace gw::console {

class ApiClient;

class ConnectionPage : public QWidget
{
    Q_OBJECT
public:
    ConnectionPage(ApiClient *api, QSettings *settings, QWidget *parent = nullptr);

    void setConnection(const ConnectionSettings &connection);
    ConnectionSettings connection() const;
    QString statusText() const;
    bool isConnected() const { return m_connected; }

public Q_SLOTS:
    void connectToApi();

Q_SIGNALS:
    void connected();
    void connectionFailed(const QString &message);

private:
    void checkCredentials();
    void report(bool ok, const QString &message);
    void rememberProfile(const ConnectionSettings &connection);
    void showProfiles(int current);
    void chooseProfile(int index);
    void startNewProfile();
    void forgetProfile();

    ApiClient *m_api;
    QSettings *m_settings;
    QLineEdit *m_url;
    QLineEdit *m_key;
    QLineEdit *m_secret;
    QCheckBox *m_remember;
    QPushButton *m_connect;
    QLabel *m_status;
    QComboBox *m_profileBox;
    QPushButton *m_new;
    QPushButton *m_forget;
    QList<ConnectionSettings> m_profiles; // secrets of this session included
    bool m_connected = false;
};

} // namespace gw::console
