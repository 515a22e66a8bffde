#pragma once
// OverviewCharts: the overview's pictures of the chosen range, drawn with Qt Charts from the
// model's GET /api/v1/stats answer: payments per bucket stacked by status, success rate, volume,
// webhook deliveries succeeded and failed, and the queue depth sampled at each refresh. Bucket
// series are steps (each bucket a flat run from its start to its end) on a time axis.
#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace gw::console {

class OverviewModel;

class OverviewCharts : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewCharts(OverviewModel *model, QWidget *parent = nullptr);

    // The charts by name ("payments", "successRate", "volume", "webhooks", "queue"), for tests.
    QChart *chart(const QString &name) const;

private:
    struct Plot
    {
        QChart *chart = nullptr;
        QDateTimeAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };
    Plot addPlot(const QString &name, const QString &title, int row, int column,
                 int columnSpan = 1);
    QLineSeries *addLine(const Plot &plot, const QString &name, const QString &label,
                         const QColor &color);
    void updateFromStats();
    void updateQueue();

    OverviewModel *m_model;
    QList<QChartView *> m_views;
    Plot m_payments, m_rate, m_volume, m_webhooks, m_queue;
};

} // namespace gw::console
