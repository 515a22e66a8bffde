#include "console/paymentspage.h"
#include "console/apiclient.h"
#include "console/apifields.h"
#include "console/datatableview.h"
#include "console/money.h"
#include "console/pagerbar.h"
#include "console/paymentdetailsview.h"
#include "console/paymentsmodel.h"
#include "console/refunddialog.h"
#include "core/enums.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace gw::console {

namespace f = api::field;

PaymentsPage::PaymentsPage(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_api(api), m_model(new PaymentsModel(api, this)),
      m_view(new DataTableView(this)), m_pager(new PagerBar(m_model, this)),
      m_details(new PaymentDetailsView(this)), m_message(new QLabel(this)),
      m_timer(new QTimer(this))
{
    m_view->setObjectName(QStringLiteral("paymentsView"));
    m_view->setSourceModel(m_model, PaymentsModel::Created);
    m_view->hideColumn(
        PaymentsModel::OrderId); // in the details, and rarely what an operator scans for
    m_message->setObjectName(QStringLiteral("paymentsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *tableSide = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableSide);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_view);
    tableLayout->addWidget(m_pager);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(tableSide);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Payments</h2>"), this));
    layout->addWidget(buildFilters());
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PaymentsPage::onCurrentRowChanged);
    connect(m_model, &JsonTableModel::loaded, this, [this] {
        if (!m_selectedId.isEmpty() && !selectPayment(m_selectedId))
            m_details->clear();
        else if (!m_selectedId.isEmpty())
            loadDetails(m_selectedId);
    });
    connect(m_model, &JsonTableModel::loadFailed, this,
            [this](const QString &why) { showMessage(why, true); });
    connect(m_details, &PaymentDetailsView::captureRequested, this, &PaymentsPage::capture);
    connect(m_details, &PaymentDetailsView::refundRequested, this, &PaymentsPage::openRefundDialog);
    connect(m_timer, &QTimer::timeout, this, &PaymentsPage::refresh);
    m_timer->setInterval(5000);
}

QWidget *PaymentsPage::buildFilters()
{
    auto *bar = new QWidget(this);
    m_status = new QComboBox(bar);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &s : allStrings<PaymentStatus>())
        m_status->addItem(s, s);
    m_method = new QComboBox(bar);
    m_method->setObjectName(QStringLiteral("methodFilter"));
    m_method->addItem(tr("Any method"), QString());
    m_method->addItem(tr("UPI"), stringOf(PaymentMethod::Upi));
    m_method->addItem(tr("Card"), stringOf(PaymentMethod::Card));
    m_useFrom = new QCheckBox(tr("F&rom"), bar);
    m_from = new QDateEdit(QDate::currentDate().addDays(-30), bar);
    m_useTo = new QCheckBox(tr("&To"), bar);
    m_to = new QDateEdit(QDate::currentDate(), bar);
    m_useFrom->setObjectName(QStringLiteral("useFrom"));
    m_useTo->setObjectName(QStringLiteral("useTo"));
    m_from->setObjectName(QStringLiteral("fromDate"));
    m_to->setObjectName(QStringLiteral("toDate"));
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setEnabled(false);
    }
    auto *refreshButton = new QPushButton(tr("Refresh"), bar);
    refreshButton->setShortcut(QKeySequence::Refresh);
    refreshButton->setToolTip(tr("Reload (F5)"));

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("&Status:"), bar));
    layout->addWidget(m_status);
    qobject_cast<QLabel *>(layout->itemAt(0)->widget())->setBuddy(m_status);
    layout->addWidget(m_method);
    layout->addWidget(m_useFrom);
    layout->addWidget(m_from);
    layout->addWidget(m_useTo);
    layout->addWidget(m_to);
    layout->addStretch();
    layout->addWidget(refreshButton);

    connect(m_status, &QComboBox::currentIndexChanged, this, &PaymentsPage::applyFilters);
    connect(m_method, &QComboBox::currentIndexChanged, this, &PaymentsPage::applyFilters);
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_useFrom, &QCheckBox::toggled, this, &PaymentsPage::applyFilters);
    connect(m_useTo, &QCheckBox::toggled, this, &PaymentsPage::applyFilters);
    connect(m_from, &QDateEdit::dateChanged, this, &PaymentsPage::applyFilters);
    connect(m_to, &QDateEdit::dateChanged, this, &PaymentsPage::applyFilters);
    connect(refreshButton, &QPushButton::clicked, this, &PaymentsPage::refresh);
    return bar;
}

void PaymentsPage::applyFilters()
{
    // Dates are the operator's local days, sent as UTC instants.
    const auto iso = [](const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); };
    m_model->setFilters({
        {f::status, m_status->currentData().toString()},
        {f::method, m_method->currentData().toString()},
        {f::from, m_useFrom->isChecked() ? iso(m_from->date().startOfDay()) : QString()},
        {f::to, m_useTo->isChecked() ? iso(m_to->date().endOfDay()) : QString()},
    });
}

void PaymentsPage::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
}

QString PaymentsPage::message() const
{
    return m_message->text();
}

void PaymentsPage::refresh()
{
    if (!m_model->hasLoaded())
        applyFilters();
    else
        m_model->refresh();
}

bool PaymentsPage::selectPayment(const QString &id)
{
    return m_view->selectSourceRow(m_model->rowOf(id));
}

void PaymentsPage::onCurrentRowChanged()
{
    const int row = m_view->currentSourceRow();
    const QString id = m_model->rowObject(row).value(f::id).toString();
    if (id.isEmpty() || id == m_selectedId)
        return;
    m_selectedId = id;
    m_detailsLoaded = false;
    m_details->setPayment(m_model->rowObject(row), 0, 0);
    loadDetails(id);
}

void PaymentsPage::loadDetails(const QString &id)
{
    // The payment itself, then its refunds: pending ones count against what remains refundable;
    // and its order's other payments.
    m_api->get(api::payment(id), {}, this, [this, id](const ApiResponse &payment) {
        if (id != m_selectedId)
            return;
        if (!payment.ok()) {
            showMessage(payment.errorDescription, true);
            return;
        }
        loadOrderPayments(id, payment.body.value(f::orderId).toString());
        m_api->get(api::paymentRefunds(id), {}, this,
                   [this, id, p = payment.body](const ApiResponse &refunds) {
                       if (id != m_selectedId)
                           return;
                       if (!refunds.ok()) {
                           showMessage(refunds.errorDescription, true);
                           return;
                       }
                       qint64 sum = 0;
                       const QJsonArray rows = refunds.rows();
                       for (const QJsonValue &v : rows)
                           sum += v.toObject().value(f::amount).toInteger();
                       m_details->setPayment(p, sum, int(rows.size()));
                       m_detailsLoaded = true;
                       Q_EMIT detailsChanged();
                   });
    });
}

void PaymentsPage::loadOrderPayments(const QString &id, const QString &orderId)
{
    QUrlQuery query;
    query.addQueryItem(f::orderId, orderId);
    query.addQueryItem(f::limit, QStringLiteral("100"));
    m_api->get(api::payments(), query, this, [this, id](const ApiResponse &r) {
        if (id != m_selectedId || m_details->payment().value(f::id).toString() != id)
            return;
        if (!r.ok()) {
            showMessage(r.errorDescription, true);
            return;
        }
        m_details->setOrderPayments(r.rows(), r.body.value(f::total).toInt());
        Q_EMIT detailsChanged();
    });
}

void PaymentsPage::capture()
{
    const QJsonObject p = m_details->payment();
    const QString id = p.value(f::id).toString();
    if (id.isEmpty())
        return;
    showMessage(tr("Capturing %1…").arg(id), false);
    m_api->post(api::capture(id), QJsonObject{{f::amount, p.value(f::amount)}}, this,
                [this, id](const ApiResponse &r) {
                    if (!r.ok()) {
                        showMessage(tr("Capture of %1 failed: %2").arg(id, r.errorDescription),
                                    true);
                        return;
                    }
                    showMessage(tr("Captured %1.").arg(id), false);
                    m_model->refresh();
                });
}

void PaymentsPage::openRefundDialog()
{
    const QJsonObject p = m_details->payment();
    if (p.isEmpty() || !m_detailsLoaded)
        return;
    if (m_dialog)
        m_dialog->close();
    m_dialog = new RefundDialog(p.value(f::id).toString(), p.value(f::amount).toInteger(),
                                m_details->refunded(), p.value(f::currency).toString(), this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &RefundDialog::refundRequested, this, &PaymentsPage::sendRefund);
    m_dialog->open();
}

void PaymentsPage::sendRefund(qint64 amount, const QString &reason)
{
    const QString id = m_details->payment().value(f::id).toString();
    QJsonObject body{{f::amount, amount}};
    if (!reason.isEmpty())
        body.insert(f::reason, reason);
    if (m_dialog)
        m_dialog->setBusy(true);
    m_api->post(api::paymentRefunds(id), body, this, [this, id, amount](const ApiResponse &r) {
        if (!r.ok()) {
            if (m_dialog)
                m_dialog->showError(r.errorDescription);
            showMessage(tr("Refund of %1 refused: %2").arg(id, r.errorDescription), true);
            return;
        }
        if (m_dialog)
            m_dialog->accept();
        const QString refundId = r.body.value(f::id).toString();
        showMessage(tr("Refund %1 of %2 created; it is %3.")
                        .arg(refundId, Money::format(amount), r.body.value(f::status).toString()),
                    false);
        Q_EMIT refundCreated(refundId);
        m_model->refresh();
        loadDetails(id);
    });
}

void PaymentsPage::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c01c28;") : QString());
}

void PaymentsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void PaymentsPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

} // namespace gw::console
