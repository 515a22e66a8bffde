#pragma once
// OverviewPage: the overview numbers as cards, refreshed every few seconds while the page is shown.
#include <QList>
#include <QWidget>

class QLabel;
class QTimer;

namespace gw::console {

class ApiClient;
class OverviewModel;

class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(ApiClient *api, QWidget *parent = nullptr);
    OverviewModel *model() const { return m_model; }
    void setRefreshInterval(int ms);

public Q_SLOTS:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateCard(int row);

    OverviewModel *m_model;
    QTimer *m_timer;
    QList<QLabel *> m_values;
    QLabel *m_updated;
};

} // namespace gw::console
