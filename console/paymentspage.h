#pragma once
// PaymentsPage: the payments table (sortable within a page, filterable by status, method and
// date, paginated), the selected payment's details, capture and refund.
#include "console/refunddialog.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QTimer;

namespace gw::console {

class ApiClient;
class DataTableView;
class PagerBar;
class PaymentDetailsView;
class PaymentsModel;
class RefundDialog;

class PaymentsPage : public QWidget
{
    Q_OBJECT
public:
    explicit PaymentsPage(ApiClient *api, QWidget *parent = nullptr);

    PaymentsModel *model() const { return m_model; }
    DataTableView *view() const { return m_view; }
    PaymentDetailsView *details() const { return m_details; }
    RefundDialog *refundDialog() const { return m_dialog; }
    QString message() const;
    void setRefreshInterval(int ms);

    // Selects the payment with this id if it is on the current page; returns whether it was.
    bool selectPayment(const QString &id);
    QString selectedPaymentId() const { return m_selectedId; }
    bool detailsLoaded() const { return m_detailsLoaded; }

public Q_SLOTS:
    void refresh();
    void openRefundDialog();
    void capture();

Q_SIGNALS:
    void detailsChanged();
    void refundCreated(const QString &refundId);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *buildFilters();
    void applyFilters();
    void onCurrentRowChanged();
    void loadDetails(const QString &id);
    void loadOrderPayments(const QString &id, const QString &orderId);
    void sendRefund(qint64 amount, const QString &reason);
    void showMessage(const QString &text, bool error);

    ApiClient *m_api;
    PaymentsModel *m_model;
    DataTableView *m_view;
    PagerBar *m_pager;
    PaymentDetailsView *m_details;
    QLabel *m_message;
    QComboBox *m_status;
    QComboBox *m_method;
    QCheckBox *m_useFrom;
    QDateEdit *m_from;
    QCheckBox *m_useTo;
    QDateEdit *m_to;
    QTimer *m_timer;
    QPointer<RefundDialog> m_dialog;
    QString m_selectedId;
    bool m_detailsLoaded = false;
};

} // namespace gw::console
