#pragma once
// RefundDialog: asks for a refund amount and reason, shows what remains refundable and refuses an
// amount above it before anything is sent. The page sends the request and reports back through
// showError() or closes the dialog on success.
#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace gw::console {

class RefundDialog : public QDialog
{
    Q_OBJECT
public:
    RefundDialog(const QString &paymentId, qint64 amount, qint64 alreadyRefunded,
                 const QString &currency, QWidget *parent = nullptr);

    qint64 remaining() const { return m_remaining; }
    // The typed amount in minor units, when it is a valid refund.
    std::optional<qint64> amount() const;
    QString validationMessage() const;
    bool canSubmit() const;
    void showError(const QString &message);
    void setBusy(bool busy);

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    void refundRequested(qint64 amount, const QString &reason);

private:
    void validate();

    qint64 m_remaining;
    QString m_currency;
    QLineEdit *m_amount;
    QLineEdit *m_reason;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
};

} // namespace gw::console
