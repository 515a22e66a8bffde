#include "console/webhookconfigbox.h"
#include "console/apiclient.h"
#include "console/apifields.h"
#include "console/jsontablemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>

namespace gw::console {

namespace f = api::field;

WebhookConfigBox::WebhookConfigBox(ApiClient *api, QWidget *parent)
    : QGroupBox(tr("Endpoint"), parent), m_api(api), m_url(new QLineEdit(this)),
      m_save(new QPushButton(tr("&Save"), this)), m_secret(new QLineEdit(this)),
      m_copy(new QPushButton(tr("Cop&y"), this)), m_secretNote(new QLabel(this)),
      m_message(new QLabel(this))
{
    m_url->setObjectName(QStringLiteral("webhookUrl"));
    m_save->setObjectName(QStringLiteral("saveUrlButton"));
    m_secret->setObjectName(QStringLiteral("webhookSecret"));
    m_copy->setObjectName(QStringLiteral("copySecretButton"));
    m_message->setObjectName(QStringLiteral("webhookConfigMessage"));
    m_url->setPlaceholderText(QStringLiteral("https://merchant.example/webhooks"));
    m_url->setClearButtonEnabled(true);
    m_secret->setReadOnly(true);
    m_secret->setPlaceholderText(tr("Hidden: a secret is shown once, when it is created"));
    m_copy->setEnabled(false);
    m_secretNote->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_secretNote->hide();
    m_message->hide();

    auto *regenerate = new QPushButton(tr("Re&generate secret"), this);
    regenerate->setObjectName(QStringLiteral("regenerateSecretButton"));
    regenerate->setToolTip(
        tr("Creates a new signing secret. The previous one keeps signing for 24 hours."));
    auto *test = new QPushButton(tr("Send &test event"), this);
    test->setObjectName(QStringLiteral("sendTestButton"));

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_save);
    urlRow->addWidget(test);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copy);
    secretRow->addWidget(regenerate);
    auto *form = new QFormLayout(this);
    auto *urlLabel = new QLabel(tr("&URL:"), this);
    urlLabel->setBuddy(m_url);
    form->addRow(urlLabel, urlRow);
    form->addRow(tr("Signing secret:"), secretRow);
    form->addRow(QString(), m_secretNote);
    form->addRow(QString(), m_message);

    connect(m_url, &QLineEdit::textChanged, this, &WebhookConfigBox::validate);
    connect(m_url, &QLineEdit::returnPressed, this, &WebhookConfigBox::save);
    connect(m_save, &QPushButton::clicked, this, &WebhookConfigBox::save);
    connect(regenerate, &QPushButton::clicked, this, &WebhookConfigBox::regenerateSecret);
    connect(test, &QPushButton::clicked, this, &WebhookConfigBox::sendTest);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_secret->text());
        showMessage(tr("Secret copied to the clipboard."), false);
    });
    validate();
}

QString WebhookConfigBox::url() const
{
    return m_url->text().trimmed();
}

QString WebhookConfigBox::shownSecret() const
{
    return m_secret->text();
}

QString WebhookConfigBox::message() const
{
    return m_message->text();
}

bool WebhookConfigBox::isValidUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QStringLiteral("http") || url.scheme() == QStringLiteral("https"));
}

void WebhookConfigBox::validate()
{
    const bool valid = isValidUrl(url());
    m_save->setEnabled(valid && url() != m_savedUrl);
    if (!url().isEmpty() && !valid)
        showMessage(tr("The URL must be an absolute http:// or https:// address."), true);
    else if (m_message->property("urlError").toBool())
        showMessage({}, false);
    m_message->setProperty("urlError", !url().isEmpty() && !valid);
}

void WebhookConfigBox::load()
{
    m_api->get(api::webhookConfig(), {}, this, [this](const ApiResponse &r) {
        if (!r.ok()) {
            showMessage(r.errorDescription, true);
            return;
        }
        m_savedUrl = r.body.value(f::url).toString();
        if (const QString hint = r.body.value(f::secretHint).toString();
            !hint.isEmpty() && m_secret->text().isEmpty())
            m_secret->setPlaceholderText(
                tr("%1 (hidden: a secret is shown once, when it is created)").arg(hint));
        const QString previous = JsonTableModel::timeText(r.body.value(f::previousSecretExpiresAt));
        if (!previous.isEmpty() && m_secretNote->isHidden()) {
            m_secretNote->setText(tr("The previous secret also signs until %1.").arg(previous));
            m_secretNote->show();
        }
        if (!m_url->hasFocus() || m_url->text().isEmpty())
            m_url->setText(m_savedUrl);
        validate();
    });
}

void WebhookConfigBox::save()
{
    const QString target = url();
    if (!isValidUrl(target)) {
        validate();
        return;
    }
    m_save->setEnabled(false);
    m_api->put(api::webhookConfig(), QJsonObject{{f::url, target}}, this,
               [this, target](const ApiResponse &r) {
                   if (!r.ok()) {
                       showMessage(tr("Not saved: %1").arg(r.errorDescription), true);
                       validate();
                       return;
                   }
                   m_savedUrl = r.body.value(f::url).toString(target);
                   showMessage(tr("Webhooks go to %1.").arg(m_savedUrl), false);
                   validate();
                   Q_EMIT saved(m_savedUrl);
               });
}

void WebhookConfigBox::regenerateSecret()
{
    m_api->post(api::webhookSecret(), {}, this, [this](const ApiResponse &r) {
        if (!r.ok()) {
            showMessage(tr("No new secret: %1").arg(r.errorDescription), true);
            return;
        }
        QString secret = r.body.value(f::secret).toString();
        if (secret.isEmpty()) // tolerate another field name: the secret is the whsec_ string
            for (const QJsonValue &v : r.body)
                if (v.toString().startsWith(QStringLiteral("whsec_")))
                    secret = v.toString();
        m_secret->setText(secret);
        m_copy->setEnabled(!secret.isEmpty());
        m_secretNote->show();
        m_secretNote->setText(
            tr("<b>Copy this secret now: it is not shown again.</b> The previous secret keeps "
               "signing for 24 hours."));
        showMessage(tr("New signing secret created."), false);
        Q_EMIT secretRegenerated();
    });
}

void WebhookConfigBox::sendTest()
{
    m_api->post(api::webhookTest(), {}, this, [this](const ApiResponse &r) {
        if (!r.ok()) {
            showMessage(tr("Test event not sent: %1").arg(r.errorDescription), true);
            return;
        }
        showMessage(tr("Test event queued; it appears in the delivery log below."), false);
        Q_EMIT testSent();
    });
}

void WebhookConfigBox::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_message->setStyleSheet(error ? QStringLiteral("color: #c01c28;") : QString());
}

} // namespace gw::console
