#pragma once
// OverviewPage: the overview of a chosen range (last hour, day, week or custom): the numbers as
// cards and the charts below them, refreshed every few seconds while the page is shown.
#include <QList>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTimer;

namespace gw::console {

class ApiClient;
class OverviewCharts;
class OverviewModel;

class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(ApiClient *api, QWidget *parent = nullptr);
    OverviewModel *model() const { return m_model; }
    OverviewCharts *charts() const { return m_charts; }
    void setRefreshInterval(int ms);

public Q_SLOTS:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *buildRangeBar();
    QWidget *buildCards();
    void applyRange();
    void updateCard(int row);

    OverviewModel *m_model;
    OverviewCharts *m_charts;
    QTimer *m_timer;
    QComboBox *m_range = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QList<QLabel *> m_values;
    QLabel *m_updated;
};

} // namespace gw::console
