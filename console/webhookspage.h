#pragma once
// WebhooksPage: the webhook endpoint settings above the delivery log; selecting a delivery shows
// its payload and attempts, and failed deliveries can be retried. The log refreshes live.
#include <QWidget>

class QComboBox;
class QLabel;
class QTimer;

namespace gw::console {

class ApiClient;
class DataTableView;
class DeliveriesModel;
class DeliveryDetailsView;
class WebhookConfigBox;

class WebhooksPage : public QWidget
{
    Q_OBJECT
public:
    explicit WebhooksPage(ApiClient *api, QWidget *parent = nullptr);

    WebhookConfigBox *config() const { return m_config; }
    DeliveriesModel *model() const { return m_model; }
    DataTableView *view() const { return m_view; }
    DeliveryDetailsView *details() const { return m_details; }
    QString message() const;
    void setRefreshInterval(int ms);
    bool selectDelivery(const QString &id);

public Q_SLOTS:
    void refresh();
    void retry(const QString &id);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onCurrentRowChanged();
    void loadDetails();
    void showMessage(const QString &text, bool error);

    ApiClient *m_api;
    WebhookConfigBox *m_config;
    DeliveriesModel *m_model;
    DataTableView *m_view;
    DeliveryDetailsView *m_details;
    QComboBox *m_status;
    QLabel *m_message;
    QTimer *m_timer;
    QString m_selectedId;
};

} // namespace gw::console
