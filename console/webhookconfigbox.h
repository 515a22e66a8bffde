#pragma once
// WebhookConfigBox: the merchant's webhook URL (validated before saving), secret regeneration
// (the new secret is shown once, with a copy button) and "send test event".
#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

namespace gw::console {

class ApiClient;

class WebhookConfigBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit WebhookConfigBox(ApiClient *api, QWidget *parent = nullptr);

    QString url() const;
    QString shownSecret() const;
    QString message() const;
    // An absolute http(s) URL with a host; the API checks the rest.
    static bool isValidUrl(const QString &text);

public Q_SLOTS:
    void load();
    void save();
    void regenerateSecret();
    void sendTest();

Q_SIGNALS:
    void saved(const QString &url);
    void secretRegenerated();
    void testSent();

private:
    void validate();
    void showMessage(const QString &text, bool error);

    ApiClient *m_api;
    QLineEdit *m_url;
    QPushButton *m_save;
    QLineEdit *m_secret;
    QPushButton *m_copy;
    QLabel *m_secretNote;
    QLabel *m_message;
    QString m_savedUrl;
};

} // namespace gw::console
