#include "console/paymentdetailsview.h"
#include "console/apifields.h"
#include "console/jsontablemodel.h"
#include "console/money.h"
#include "console/paymentsmodel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gw::console {

namespace f = api::field;

PaymentDetailsView::PaymentDetailsView(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_capture(new QPushButton(tr("C&apture"), this)),
      m_refund(new QPushButton(tr("Re&fund…"), this)), m_form(new QFormLayout),
      m_attemptsTitle(new QLabel(this)), m_attempts(new QTreeWidget(this))
{
    m_capture->setObjectName(QStringLiteral("captureButton"));
    m_refund->setObjectName(QStringLiteral("refundButton"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    addRow(f::orderId, tr("Order:"));
    addRow(f::amount, tr("Amount:"));
    addRow(f::method, tr("Method:"));
    addRow(f::status, tr("Status:"));
    addRow(f::errorDescription, tr("Error:"));
    addRow(f::captured, tr("Captured:"));
    addRow(f::amountRefunded, tr("Refunded:"));
    addRow(QStringLiteral("remaining"), tr("Refundable:"));
    addRow(f::createdAt, tr("Created:"));
    addRow(f::updatedAt, tr("Updated:"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_capture);
    buttons->addWidget(m_refund);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_attemptsTitle->setObjectName(QStringLiteral("otherAttemptsTitle"));
    m_attempts->setObjectName(QStringLiteral("otherAttempts"));
    m_attempts->setRootIsDecorated(false);
    m_attempts->setHeaderLabels({tr("Payment"), tr("Status"), tr("Method"), tr("Created")});
    m_attempts->setSelectionMode(QAbstractItemView::NoSelection);
    m_attempts->setMaximumHeight(fontMetrics().height() * 8);
    layout->addWidget(m_attemptsTitle);
    layout->addWidget(m_attempts);
    layout->addStretch();
    connect(m_capture, &QPushButton::clicked, this, &PaymentDetailsView::captureRequested);
    connect(m_refund, &QPushButton::clicked, this, &PaymentDetailsView::refundRequested);
    clear();
}

void PaymentDetailsView::addRow(const QString &name, const QString &label)
{
    auto *value = new QLabel(this);
    value->setObjectName(QStringLiteral("detail_") + name);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_fields.insert(name, value);
    m_form->addRow(label, value);
}

QString PaymentDetailsView::fieldText(const QString &name) const
{
    const QLabel *label = m_fields.value(name);
    return label ? label->text() : QString();
}

qint64 PaymentDetailsView::remaining() const
{
    if (m_payment.value(f::status).toString() != f::success)
        return 0;
    return qMax<qint64>(0, m_payment.value(f::amount).toInteger() - m_refunded);
}

void PaymentDetailsView::clear()
{
    m_payment = {};
    m_refunded = 0;
    m_title->setText(tr("<i>Select a payment to see its details.</i>"));
    for (QLabel *label : std::as_const(m_fields))
        label->clear();
    m_capture->setEnabled(false);
    m_refund->setEnabled(false);
    m_attemptsTitle->clear();
    m_attempts->clear();
    m_attempts->hide();
}

QString PaymentDetailsView::otherAttemptsTitle() const
{
    return m_attemptsTitle->text();
}

void PaymentDetailsView::setOrderPayments(const QJsonArray &payments, int total)
{
    const QString shown = m_payment.value(f::id).toString();
    m_attempts->clear();
    for (const QJsonValue &v : payments) {
        const QJsonObject p = v.toObject();
        if (p.value(f::id).toString() == shown)
            continue;
        const QString status = p.value(f::status).toString();
        auto *item = new QTreeWidgetItem(
            m_attempts, {p.value(f::id).toString(), status, PaymentsModel::methodText(p),
                         JsonTableModel::timeText(p.value(f::createdAt))});
        if (const QVariant color = JsonTableModel::statusColor(status); color.isValid())
            item->setForeground(1, color.value<QColor>());
        if (const QString error = p.value(f::errorCode).toString(); !error.isEmpty())
            item->setToolTip(1, error + QStringLiteral(": ") +
                                    p.value(f::errorDescription).toString());
    }
    const int others = m_attempts->topLevelItemCount();
    const int notListed = qMax(0, total - int(payments.size()));
    m_attemptsTitle->setText(
        others == 0 && notListed == 0 ? tr("No other payment for this order.")
        : notListed == 0              ? tr("Other payments for this order: %n", nullptr, others)
                         : tr("Other payments for this order: %1 (and %n more)", nullptr, notListed)
                               .arg(others));
    m_attempts->setVisible(others > 0);
    for (int column = 0; column < m_attempts->columnCount(); ++column)
        m_attempts->resizeColumnToContents(column);
}

void PaymentDetailsView::setPayment(const QJsonObject &p, qint64 refundedOrPending, int refundCount)
{
    if (p.value(f::id) != m_payment.value(f::id)) { // another payment's attempts are not these
        m_attemptsTitle->clear();
        m_attempts->clear();
        m_attempts->hide();
    }
    m_payment = p;
    // amount_refunded may count processed refunds only; pending ones are spoken for too.
    m_refunded = qMax(refundedOrPending, p.value(f::amountRefunded).toInteger());
    const QString currency = p.value(f::currency).toString();
    const QString status = p.value(f::status).toString();
    m_title->setText(QStringLiteral("<h3>%1</h3>").arg(p.value(f::id).toString()));
    m_fields[f::orderId]->setText(p.value(f::orderId).toString());
    m_fields[f::amount]->setText(Money::format(p.value(f::amount).toInteger(), currency));
    m_fields[f::method]->setText(PaymentsModel::methodText(p));
    m_fields[f::status]->setText(status);
    const QVariant color = JsonTableModel::statusColor(status);
    m_fields[f::status]->setStyleSheet(
        color.isValid()
            ? QStringLiteral("color: %1; font-weight: bold;").arg(color.value<QColor>().name())
            : QString());
    const QString error = p.value(f::errorCode).toString();
    m_fields[f::errorDescription]->setText(
        error.isEmpty() ? QString()
                        : error + QStringLiteral(": ") + p.value(f::errorDescription).toString());
    m_fields[f::captured]->setText(p.value(f::captured).toBool() ? tr("yes") : tr("no"));
    m_fields[f::amountRefunded]->setText(
        tr("%1 in %n refund(s)", nullptr, refundCount).arg(Money::format(m_refunded, currency)));
    m_fields[QStringLiteral("remaining")]->setText(Money::format(remaining(), currency));
    m_fields[f::createdAt]->setText(JsonTableModel::timeText(p.value(f::createdAt)));
    m_fields[f::updatedAt]->setText(JsonTableModel::timeText(p.value(f::updatedAt)));
    m_capture->setEnabled(status == f::success && !p.value(f::captured).toBool());
    m_refund->setEnabled(remaining() > 0);
}

} // namespace gw::console
