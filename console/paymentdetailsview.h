#pragma once
// PaymentDetailsView: every field of one payment, what remains refundable, the actions that
// apply to it (capture when successful and not yet captured, refund while something remains), and
// the other payment attempts of its order.
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace gw::console {

class PaymentDetailsView : public QWidget
{
    Q_OBJECT
public:
    explicit PaymentDetailsView(QWidget *parent = nullptr);

    // refundedOrPending: the sum of the payment's pending and processed refunds.
    void setPayment(const QJsonObject &payment, qint64 refundedOrPending, int refundCount);
    void clear();
    // Every payment of the shown payment's order (GET /payments?order_id=…); all but the shown
    // one are listed, newest first. total: how many the API has, when more than the rows given.
    void setOrderPayments(const QJsonArray &payments, int total);
    QTreeWidget *otherAttempts() const { return m_attempts; }
    QString otherAttemptsTitle() const;
    QJsonObject payment() const { return m_payment; }
    qint64 refunded() const { return m_refunded; }
    qint64 remaining() const;
    QString fieldText(const QString &name) const;

Q_SIGNALS:
    void captureRequested();
    void refundRequested();

private:
    void addRow(const QString &name, const QString &label);

    QJsonObject m_payment;
    qint64 m_refunded = 0;
    QMap<QString, QLabel *> m_fields;
    QLabel *m_title;
    QPushButton *m_capture;
    QPushButton *m_refund;
    QFormLayout *m_form;
    QLabel *m_attemptsTitle;
    QTreeWidget *m_attempts;
};

} // namespace gw::console
