#pragma once
// OverviewModel: the numbers on the overview page, one metric per row. The API has no statistics
// endpoint, so counts come from list totals (limit=1 with a status filter), volume and refunded
// amount from paging through the lists, and queue and worker state from /test/jobs/status and
// /health. All calls are asynchronous; a refresh while one is running is skipped.
#include "console/apiresponse.h"

#include <QAbstractTableModel>
#include <QMap>
#include <QUrlQuery>
#include <functional>

namespace gw::console {

class ApiClient;

class OverviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Metric {
        Payments,
        Volume,
        SuccessRate,
        Successful,
        Failed,
        Pending,
        Refunds,
        RefundedAmount,
        PendingRefunds,
        QueuePending,
        QueueProcessing,
        QueueCompleted,
        QueueFailed,
        Worker,
        ApiHealth,
        MetricCount
    };
    Q_ENUM(Metric)
    enum Column { Name, Value, ColumnCount };
    Q_ENUM(Column)

    // Paging for sums stops after this many rows; the value then reads "at least".
    static constexpr int MaxSummedRows = 5000;

    explicit OverviewModel(ApiClient *api, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString metricName(Metric metric);
    QString value(Metric metric) const { return m_values.value(metric); }
    bool isRefreshing() const { return m_inFlight > 0; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();
    void refreshFailed(const QString &description);

private:
    void set(Metric metric, const QString &value);
    void loadCount(const QString &status, Metric metric);
    void loadSuccessPage(int offset, qint64 sum);
    void loadRefundsPage(int offset, qint64 processedSum, int pending);
    void loadJobs();
    void loadHealth();
    void updateSuccessRate();
    void request(const QString &path, const QUrlQuery &query,
                 std::function<void(const ApiResponse &)> done);

    ApiClient *m_api;
    QMap<int, QString> m_values;
    int m_inFlight = 0;
    QString m_error;
    int m_successCount = -1;
    int m_failedCount = -1;
};

} // namespace gw::console
