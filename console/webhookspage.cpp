#include "console/webhookspage.h"
#include "console/apiclient.h"
#include "console/apifields.h"
#include "console/datatableview.h"
#include "console/deliveriesmodel.h"
#include "console/deliverydetailsview.h"
#include "console/pagerbar.h"
#include "console/webhookconfigbox.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace gw::console {

namespace f = api::field;

WebhooksPage::WebhooksPage(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_api(api), m_config(new WebhookConfigBox(api, this)),
      m_model(new DeliveriesModel(api, this)), m_view(new DataTableView(this)),
      m_details(new DeliveryDetailsView(this)), m_status(new QComboBox(this)),
      m_message(new QLabel(this)), m_timer(new QTimer(this))
{
    m_view->setObjectName(QStringLiteral("deliveriesView"));
    m_view->setSourceModel(m_model, DeliveriesModel::Created);
    m_status->setObjectName(QStringLiteral("deliveryStatusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &s :
         {QStringLiteral("pending"), QStringLiteral("success"), QStringLiteral("failed")})
        m_status->addItem(s, s);
    m_message->setObjectName(QStringLiteral("webhooksMessage"));
    m_message->setWordWrap(true);

    auto *logHeader = new QHBoxLayout;
    logHeader->addWidget(new QLabel(tr("<b>Delivery log</b>"), this));
    logHeader->addStretch();
    logHeader->addWidget(m_status);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setShortcut(QKeySequence::Refresh);
    logHeader->addWidget(refreshButton);

    auto *logSide = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logSide);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addLayout(logHeader);
    logLayout->addWidget(m_view, 1);
    logLayout->addWidget(new PagerBar(m_model, logSide));
    auto *splitter = new QSplitter(this);
    splitter->addWidget(logSide);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Webhooks</h2>"), this));
    layout->addWidget(m_config);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setFilter(f::status, m_status->currentData().toString()); });
    connect(refreshButton, &QPushButton::clicked, this, &WebhooksPage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WebhooksPage::onCurrentRowChanged);
    connect(m_model, &JsonTableModel::loaded, this, [this] {
        if (!m_selectedId.isEmpty() && selectDelivery(m_selectedId))
            loadDetails();
    });
    connect(m_model, &JsonTableModel::loadFailed, this,
            [this](const QString &why) { showMessage(why, true); });
    connect(m_details, &DeliveryDetailsView::retryRequested, this, &WebhooksPage::retry);
    connect(m_config, &WebhookConfigBox::testSent, this, &WebhooksPage::refresh);
    connect(m_timer, &QTimer::timeout, this, &WebhooksPage::refresh);
    m_timer->setInterval(2000);
}

QString WebhooksPage::message() const
{
    return m_message->text();
}

void WebhooksPage::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
}

void WebhooksPage::refresh()
{
    m_model->refresh();
}

bool WebhooksPage::selectDelivery(const QString &id)
{
    return m_view->selectSourceRow(m_model->rowOf(id));
}

void WebhooksPage::onCurrentRowChanged()
{
    const QString id = m_model->rowObject(m_view->currentSourceRow()).value(f::id).toString();
    if (id.isEmpty() || id == m_selectedId)
        return;
    m_selectedId = id;
    m_details->clear();
    loadDetails();
}

void WebhooksPage::loadDetails()
{
    const QString id = m_selectedId;
    m_api->get(api::webhook(id), {}, this, [this, id](const ApiResponse &r) {
        if (id != m_selectedId)
            return;
        if (!r.ok()) {
            showMessage(r.errorDescription, true);
            return;
        }
        m_details->setDelivery(r.body);
    });
}

void WebhooksPage::retry(const QString &id)
{
    if (id.isEmpty())
        return;
    m_api->post(api::webhookRetry(id), {}, this, [this, id](const ApiResponse &r) {
        if (!r.ok()) {
            showMessage(tr("Retry of %1 refused: %2").arg(id, r.errorDescription), true);
            return;
        }
        showMessage(r.body.value(f::message).toString(tr("Webhook retry scheduled")), false);
        refresh();
    });
}

void WebhooksPage::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c01c28;") : QString());
}

void WebhooksPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_config->load();
    refresh();
    m_timer->start();
}

void WebhooksPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

} // namespace gw::console
