#include "console/refunddialog.h"
#include "console/money.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw::console {

RefundDialog::RefundDialog(const QString &paymentId, qint64 amount, qint64 alreadyRefunded,
                           const QString &currency, QWidget *parent)
    : QDialog(parent), m_remaining(qMax<qint64>(0, amount - alreadyRefunded)), m_currency(currency),
      m_amount(new QLineEdit(this)), m_reason(new QLineEdit(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Refund %1").arg(paymentId));
    m_amount->setObjectName(QStringLiteral("refundAmount"));
    m_reason->setObjectName(QStringLiteral("refundReason"));
    m_message->setObjectName(QStringLiteral("refundMessage"));
    m_message->setWordWrap(true);
    m_amount->setText(Money::plain(m_remaining));
    m_amount->selectAll();
    m_reason->setPlaceholderText(tr("Optional, e.g. customer request"));
    m_reason->setMaxLength(255);

    auto *full = m_buttons->addButton(tr("&Full amount"), QDialogButtonBox::ResetRole);
    auto *refund = m_buttons->addButton(tr("&Refund"), QDialogButtonBox::AcceptRole);
    refund->setObjectName(QStringLiteral("refundSubmit"));
    refund->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Payment amount:"), new QLabel(Money::format(amount, currency), this));
    form->addRow(tr("Already refunded:"),
                 new QLabel(Money::format(alreadyRefunded, currency), this));
    auto *remaining =
        new QLabel(QStringLiteral("<b>%1</b>").arg(Money::format(m_remaining, currency)), this);
    remaining->setObjectName(QStringLiteral("refundRemaining"));
    form->addRow(tr("Remaining:"), remaining);
    form->addRow(tr("Refund &amount (%1):").arg(currency), m_amount);
    form->addRow(tr("R&eason:"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_amount, &QLineEdit::textChanged, this, &RefundDialog::validate);
    connect(full, &QPushButton::clicked, this,
            [this] { m_amount->setText(Money::plain(m_remaining)); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RefundDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

std::optional<qint64> RefundDialog::amount() const
{
    const auto value = Money::parse(m_amount->text());
    if (!value || *value <= 0 || *value > m_remaining)
        return std::nullopt;
    return value;
}

QString RefundDialog::validationMessage() const
{
    const auto value = Money::parse(m_amount->text());
    if (!value)
        return tr("Enter an amount such as 250 or 250.50.");
    if (*value <= 0)
        return tr("The refund must be more than zero.");
    if (*value > m_remaining)
        return tr("%1 is more than the %2 that remains refundable.")
            .arg(Money::format(*value, m_currency), Money::format(m_remaining, m_currency));
    return {};
}

bool RefundDialog::canSubmit() const
{
    return !m_busy && amount().has_value();
}

void RefundDialog::validate()
{
    const QString problem = validationMessage();
    m_message->setText(problem);
    m_message->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #c01c28;"));
    if (auto *button = m_buttons->findChild<QPushButton *>(QStringLiteral("refundSubmit")))
        button->setEnabled(canSubmit());
}

void RefundDialog::submit()
{
    const auto value = amount();
    if (!value || m_busy) {
        validate();
        return;
    }
    Q_EMIT refundRequested(*value, m_reason->text().trimmed());
}

void RefundDialog::showError(const QString &message)
{
    setBusy(false);
    m_message->setText(message);
    m_message->setStyleSheet(QStringLiteral("color: #c01c28;"));
}

void RefundDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_amount->setReadOnly(busy);
    if (busy)
        m_message->setText(tr("Sending…"));
    if (auto *button = m_buttons->findChild<QPushButton *>(QStringLiteral("refundSubmit")))
        button->setEnabled(canSubmit());
}

} // namespace gw::console
