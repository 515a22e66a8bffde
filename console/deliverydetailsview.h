#pragma once
// DeliveryDetailsView: one webhook delivery log in full: its payload, every attempt with its
// response, and a Retry button while the delivery has failed.
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace gw::console {

class AttemptsModel;
class DataTableView;

class DeliveryDetailsView : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryDetailsView(QWidget *parent = nullptr);

    void setDelivery(const QJsonObject &detail);
    void clear();
    QJsonObject delivery() const { return m_delivery; }
    AttemptsModel *attempts() const { return m_attempts; }
    QString payloadText() const;
    QString responseText() const;
    bool canRetry() const;

Q_SIGNALS:
    void retryRequested(const QString &id);

private:
    void showAttempt(int row);

    QJsonObject m_delivery;
    AttemptsModel *m_attempts;
    QLabel *m_title;
    QPushButton *m_retry;
    QPlainTextEdit *m_payload;
    DataTableView *m_attemptView;
    QPlainTextEdit *m_response;
};

} // namespace gw::console
