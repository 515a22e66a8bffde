#pragma once
// RefundsPage: every refund with its live status; refreshes quickly while any is still pending.
#include <QWidget>

class QLabel;
class QTimer;

namespace gw::console {

class ApiClient;
class DataTableView;
class RefundsModel;

class RefundsPage : public QWidget
{
    Q_OBJECT
public:
    explicit RefundsPage(ApiClient *api, QWidget *parent = nullptr);
    RefundsModel *model() const { return m_model; }
    DataTableView *view() const { return m_view; }
    void setRefreshIntervals(int pendingMs, int idleMs);

public Q_SLOTS:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void scheduleNext();

    RefundsModel *m_model;
    DataTableView *m_view;
    QLabel *m_message;
    QTimer *m_timer;
    int m_pendingMs = 1000;
    int m_idleMs = 5000;
};

} // namespace gw::console
