#include "console/connectionpage.h"
#include "console/apiclient.h"
#include "console/apifields.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace gw::console {

ConnectionPage::ConnectionPage(ApiClient *api, QSettings *settings, QWidget *parent)
    : QWidget(parent), m_api(api), m_settings(settings), m_url(new QLineEdit(this)),
      m_key(new QLineEdit(this)), m_secret(new QLineEdit(this)),
      m_remember(new QCheckBox(tr("Remember the secret on this computer"), this)),
      m_connect(new QPushButton(tr("&Connect"), this)), m_status(new QLabel(this)),
      m_profileBox(new QComboBox(this)), m_new(new QPushButton(tr("&New merchant"), this)),
      m_forget(new QPushButton(tr("&Forget"), this))
{
    m_profileBox->setObjectName(QStringLiteral("merchantProfiles"));
    m_new->setObjectName(QStringLiteral("newProfile"));
    m_forget->setObjectName(QStringLiteral("forgetProfile"));
    m_profileBox->setPlaceholderText(tr("No merchant connected yet"));
    m_profileBox->setToolTip(tr("Merchants connected as before: choose one, then Connect"));
    m_url->setObjectName(QStringLiteral("apiUrl"));
    m_key->setObjectName(QStringLiteral("apiKey"));
    m_secret->setObjectName(QStringLiteral("apiSecret"));
    m_remember->setObjectName(QStringLiteral("rememberSecret"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_status->setObjectName(QStringLiteral("connectionStatus"));

    m_url->setPlaceholderText(QStringLiteral("http://localhost:8000"));
    m_key->setPlaceholderText(QStringLiteral("key_test_…"));
    m_secret->setEchoMode(QLineEdit::Password);
    auto *reveal = m_secret->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView),
                                       QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the secret"));
    connect(reveal, &QAction::toggled, this, [this](bool on) {
        m_secret->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_remember->setToolTip(
        tr("The secret is stored in plain text in %1").arg(m_settings->fileName()));
    m_connect->setDefault(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *title =
        new QLabel(tr("<h2>Connect to the gateway</h2><p>The console talks to the REST API with a "
                      "merchant's API key and secret.</p>"),
                   this);
    title->setWordWrap(true);
    auto *form = new QFormLayout;
    auto *profiles = new QHBoxLayout;
    profiles->addWidget(m_profileBox, 1);
    profiles->addWidget(m_new);
    profiles->addWidget(m_forget);
    // A row whose field is a layout gets a label without a buddy (its "&" would show and Alt+M
    // would do nothing), so the label is made here with the profile list as its buddy.
    auto *merchantLabel = new QLabel(tr("&Merchant:"), this);
    merchantLabel->setObjectName(QStringLiteral("merchantLabel"));
    merchantLabel->setBuddy(m_profileBox);
    form->addRow(merchantLabel, profiles);
    form->addRow(tr("API &URL:"), m_url);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(tr("API &secret:"), m_secret);
    form->addRow(QString(), m_remember);
    auto *hint =
        new QLabel(tr("Unless remembered, the secret stays in memory only. Settings file: %1")
                       .arg(m_settings->fileName()),
                   this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    form->addRow(QString(), hint);
    form->addRow(QString(), m_connect);
    form->addRow(QString(), m_status);

    auto *box = new QWidget(this);
    box->setLayout(form);
    box->setMaximumWidth(640);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(box);
    layout->addStretch();

    connect(m_connect, &QPushButton::clicked, this, &ConnectionPage::connectToApi);
    for (QLineEdit *edit : {m_url, m_key, m_secret})
        connect(edit, &QLineEdit::returnPressed, this, &ConnectionPage::connectToApi);
    connect(m_profileBox, &QComboBox::activated, this, &ConnectionPage::chooseProfile);
    connect(m_new, &QPushButton::clicked, this, &ConnectionPage::startNewProfile);
    connect(m_forget, &QPushButton::clicked, this, &ConnectionPage::forgetProfile);
    const ConnectionSettings current = ConnectionSettings::load(*m_settings);
    m_profiles = ConnectionSettings::loadProfiles(*m_settings);
    for (auto &p : m_profiles)
        if (p.sameProfile(current) && p.apiSecret.isEmpty())
            p.apiSecret = current.apiSecret;
    setConnection(current);
    showProfiles(
        int(std::find_if(m_profiles.cbegin(), m_profiles.cend(),
                         [&](const ConnectionSettings &p) { return p.sameProfile(current); }) -
            m_profiles.cbegin()));
}

void ConnectionPage::showProfiles(int current)
{
    m_profileBox->clear();
    for (const auto &p : std::as_const(m_profiles))
        m_profileBox->addItem(p.label());
    m_profileBox->setCurrentIndex(current < m_profiles.size() ? current : -1);
    m_forget->setEnabled(m_profileBox->currentIndex() >= 0);
}

void ConnectionPage::chooseProfile(int index)
{
    if (index < 0 || index >= m_profiles.size())
        return;
    setConnection(m_profiles[index]);
    m_forget->setEnabled(true);
    m_status->setText(
        m_profiles[index].apiSecret.isEmpty()
            ? tr("Enter the secret of %1, then Connect.").arg(m_profiles[index].apiKey)
            : tr("Press Connect to switch to %1.").arg(m_profiles[index].apiKey));
}

void ConnectionPage::startNewProfile()
{
    m_profileBox->setCurrentIndex(-1);
    m_forget->setEnabled(false);
    m_key->clear();
    m_secret->clear();
    m_remember->setChecked(false);
    m_key->setFocus();
    m_status->setText(tr("Enter another merchant's key and secret, then Connect."));
}

void ConnectionPage::forgetProfile()
{
    const int index = m_profileBox->currentIndex();
    if (index < 0 || index >= m_profiles.size())
        return;
    m_profiles.removeAt(index);
    ConnectionSettings::saveProfiles(*m_settings, m_profiles);
    showProfiles(-1);
}

void ConnectionPage::rememberProfile(const ConnectionSettings &c)
{
    const auto it = std::find_if(m_profiles.begin(), m_profiles.end(),
                                 [&](const ConnectionSettings &p) { return p.sameProfile(c); });
    int index = int(it - m_profiles.begin());
    if (it == m_profiles.end())
        m_profiles.append(c);
    else
        *it = c;
    ConnectionSettings::saveProfiles(*m_settings, m_profiles);
    showProfiles(index);
}

void ConnectionPage::setConnection(const ConnectionSettings &c)
{
    m_url->setText(c.apiUrl.toString());
    m_key->setText(c.apiKey);
    m_secret->setText(c.apiSecret);
    m_remember->setChecked(c.rememberSecret);
}

ConnectionSettings ConnectionPage::connection() const
{
    ConnectionSettings c;
    c.apiUrl = QUrl::fromUserInput(m_url->text().trimmed());
    c.apiKey = m_key->text().trimmed();
    c.apiSecret = m_secret->text();
    c.rememberSecret = m_remember->isChecked();
    return c;
}

QString ConnectionPage::statusText() const
{
    return m_status->text();
}

void ConnectionPage::connectToApi()
{
    const ConnectionSettings c = connection();
    const QString scheme = c.apiUrl.scheme();
    if (!c.apiUrl.isValid() || c.apiUrl.host().isEmpty() ||
        (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))) {
        report(false,
               tr("The API URL must be an absolute http(s) address, e.g. http://localhost:8000."));
        return;
    }
    if (c.apiKey.isEmpty() || c.apiSecret.isEmpty()) {
        report(false, tr("Enter both the API key and the API secret."));
        return;
    }
    m_connected = false;
    m_connect->setEnabled(false);
    m_status->setText(tr("Connecting to %1…").arg(c.apiUrl.toDisplayString()));
    m_api->setConnection(c.apiUrl, c.apiKey, c.apiSecret);
    m_api->get(api::health(), {}, this, [this](const ApiResponse &r) {
        if (r.unreachable()) {
            report(false, r.errorDescription);
            return;
        }
        checkCredentials();
    });
}

void ConnectionPage::checkCredentials()
{
    QUrlQuery query;
    query.addQueryItem(api::field::limit, QStringLiteral("1"));
    m_api->get(api::payments(), query, this, [this](const ApiResponse &r) {
        if (r.status == 401) {
            report(false, tr("The API rejected the key and secret: %1").arg(r.errorDescription));
            return;
        }
        if (!r.ok()) {
            report(false,
                   tr("The API answered but could not list payments: %1").arg(r.errorDescription));
            return;
        }
        connection().save(*m_settings);
        rememberProfile(connection());
        m_connected = true;
        report(
            true,
            tr("Connected to %1 as %2.").arg(m_api->baseUrl().toDisplayString(), m_api->apiKey()));
        Q_EMIT connected();
    });
}

void ConnectionPage::report(bool ok, const QString &message)
{
    m_connect->setEnabled(true);
    m_status->setText(message);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, ok ? QColor(0x1b, 0x7f, 0x3a) : QColor(0xc0, 0x1c, 0x28));
    m_status->setPalette(p);
    if (!ok)
        Q_EMIT connectionFailed(message);
}

} // namespace gw::console
