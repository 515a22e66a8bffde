#pragma once
// OverviewModel: the numbers on the overview page, one metric per row, and the time series behind
// its charts. Payments, volume, success rate and refunds over the chosen range come from one call
// to GET /api/v1/stats (computed by PostgreSQL, exact at any size); queue and worker state from
// /test/jobs/status and /health. Each refresh also samples the queue depth, so the queue chart
// grows while the page is open. All calls are asynchronous; a refresh while one runs is skipped.
#include "console/apiresponse.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
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
    enum Range { LastHour, LastDay, LastWeek, Custom };
    Q_ENUM(Range)

    // The queue as it was at one refresh.
    struct QueueSample
    {
        QDateTime at;
        qint64 queued = 0;
        qint64 inFlight = 0;
        qint64 delayed = 0;
    };
    static constexpr int MaxQueueSamples = 600;

    explicit OverviewModel(ApiClient *api, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString metricName(Metric metric);
    QString value(Metric metric) const { return m_values.value(metric); }
    bool isRefreshing() const { return m_inFlight > 0; }

    // The range of the next refresh: the last hour in minutes, the last day or week in hours, or
    // from..to with buckets that keep the charts readable.
    void setRange(Range range);
    void setCustomRange(const QDateTime &from, const QDateTime &to);
    Range range() const { return m_range; }
    // The answer of GET /api/v1/stats of the last refresh, and the query that asked for it.
    QJsonObject stats() const { return m_stats; }
    QUrlQuery statsQuery() const { return m_statsQuery; }
    const QList<QueueSample> &queueSamples() const { return m_queue; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed();
    void statsChanged();
    void refreshFailed(const QString &description);

private:
    void set(Metric metric, const QString &value);
    QUrlQuery nextStatsQuery() const;
    void loadStats();
    void loadJobs();
    void loadHealth();
    void finishOne();
    void request(const QString &path, const QUrlQuery &query,
                 std::function<void(const ApiResponse &)> done);

    ApiClient *m_api;
    QMap<int, QString> m_values;
    int m_inFlight = 0;
    QString m_error;
    Range m_range = LastDay;
    QDateTime m_customFrom;
    QDateTime m_customTo;
    QJsonObject m_stats;
    QUrlQuery m_statsQuery;
    QList<QueueSample> m_queue;
};

} // namespace gw::console
