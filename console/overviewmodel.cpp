#include "console/overviewmodel.h"
#include "console/apiclient.h"
#include "console/apifields.h"
#include "console/money.h"

#include <QColor>
#include <QJsonArray>
#include <QLocale>

namespace gw::console {

namespace f = api::field;

namespace {
constexpr int kPage = 100;

QUrlQuery listQuery(int limit, int offset, const QString &status = {})
{
    QUrlQuery q;
    q.addQueryItem(f::limit, QString::number(limit));
    q.addQueryItem(f::offset, QString::number(offset));
    if (!status.isEmpty())
        q.addQueryItem(f::status, status);
    return q;
}
} // namespace

OverviewModel::OverviewModel(ApiClient *api, QObject *parent)
    : QAbstractTableModel(parent), m_api(api)
{
}

int OverviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : MetricCount;
}

int OverviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OverviewModel::metricName(Metric metric)
{
    switch (metric) {
    case Payments:
        return tr("Payments");
    case Volume:
        return tr("Volume (successful)");
    case SuccessRate:
        return tr("Success rate");
    case Successful:
        return tr("Successful");
    case Failed:
        return tr("Failed");
    case Pending:
        return tr("Pending");
    case Refunds:
        return tr("Refunds");
    case RefundedAmount:
        return tr("Refunded");
    case PendingRefunds:
        return tr("Refunds pending");
    case QueuePending:
        return tr("Jobs queued");
    case QueueProcessing:
        return tr("Jobs processing");
    case QueueCompleted:
        return tr("Jobs completed");
    case QueueFailed:
        return tr("Jobs failed");
    case Worker:
        return tr("Worker");
    case ApiHealth:
        return tr("API");
    case MetricCount:
        break;
    }
    return {};
}

QVariant OverviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto metric = Metric(index.row());
    if (role == Qt::DisplayRole) {
        if (index.column() == Name)
            return metricName(metric);
        const QString v = m_values.value(metric);
        return v.isEmpty() ? QStringLiteral("–") : v;
    }
    if (role == Qt::ForegroundRole && index.column() == Value &&
        (metric == Worker || metric == ApiHealth)) {
        const QString v = m_values.value(metric);
        if (v == QStringLiteral("running") || v == QStringLiteral("healthy"))
            return QColor(0x1b, 0x7f, 0x3a);
        if (!v.isEmpty())
            return QColor(0xc0, 0x1c, 0x28);
    }
    return {};
}

QVariant OverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == Name ? tr("Metric") : tr("Value");
    return QAbstractTableModel::headerData(section, orientation, role);
}

void OverviewModel::set(Metric metric, const QString &value)
{
    if (m_values.value(metric) == value)
        return;
    m_values.insert(metric, value);
    Q_EMIT dataChanged(index(metric, Value), index(metric, Value));
}

void OverviewModel::refresh()
{
    if (m_inFlight > 0)
        return;
    m_error.clear();
    loadCount({}, Payments);
    loadCount(f::failed, Failed);
    loadCount(f::pending, Pending);
    loadSuccessPage(0, 0);
    loadRefundsPage(0, 0, 0);
    loadJobs();
    loadHealth();
}

void OverviewModel::request(const QString &path, const QUrlQuery &query,
                            std::function<void(const ApiResponse &)> done)
{
    ++m_inFlight;
    m_api->get(path, query, this, [this, done = std::move(done)](const ApiResponse &r) {
        if (!r.ok() && m_error.isEmpty())
            m_error = r.errorDescription;
        done(r);
        if (--m_inFlight > 0)
            return;
        if (m_error.isEmpty())
            Q_EMIT refreshed();
        else
            Q_EMIT refreshFailed(m_error);
    });
}

void OverviewModel::loadCount(const QString &status, Metric metric)
{
    request(api::payments(), listQuery(1, 0, status), [this, metric](const ApiResponse &r) {
        if (!r.ok())
            return;
        const int total = r.body.value(f::total).toInt();
        set(metric, QLocale().toString(total));
        if (metric == Failed) {
            m_failedCount = total;
            updateSuccessRate();
        }
    });
}

void OverviewModel::loadSuccessPage(int offset, qint64 sum)
{
    request(api::payments(), listQuery(kPage, offset, f::success),
            [this, offset, sum](const ApiResponse &r) {
                if (!r.ok())
                    return;
                qint64 total = sum;
                const QJsonArray data = r.body.value(f::data).toArray();
                for (const QJsonValue &v : data)
                    total += v.toObject().value(f::amount).toInteger();
                const int count = r.body.value(f::total).toInt();
                const int next = offset + int(data.size());
                if (next < count && !data.isEmpty() && next < MaxSummedRows) {
                    loadSuccessPage(next, total);
                    return;
                }
                m_successCount = count;
                set(Successful, QLocale().toString(count));
                set(Volume, (next < count ? tr("at least ") : QString()) + Money::format(total));
                updateSuccessRate();
            });
}

void OverviewModel::loadRefundsPage(int offset, qint64 processedSum, int pending)
{
    request(api::refunds(), listQuery(kPage, offset),
            [this, offset, processedSum, pending](const ApiResponse &r) {
                if (!r.ok())
                    return;
                qint64 sum = processedSum;
                int pendingCount = pending;
                const QJsonArray data = r.body.value(f::data).toArray();
                for (const QJsonValue &v : data) {
                    const QJsonObject refund = v.toObject();
                    if (refund.value(f::status).toString() == f::pending)
                        ++pendingCount;
                    else
                        sum += refund.value(f::amount).toInteger();
                }
                const int count = r.body.value(f::total).toInt();
                const int next = offset + int(data.size());
                if (next < count && !data.isEmpty() && next < MaxSummedRows) {
                    loadRefundsPage(next, sum, pendingCount);
                    return;
                }
                const QString prefix = next < count ? tr("at least ") : QString();
                set(Refunds, QLocale().toString(count));
                set(RefundedAmount, prefix + Money::format(sum));
                set(PendingRefunds, prefix + QLocale().toString(pendingCount));
            });
}

void OverviewModel::loadJobs()
{
    request(api::jobStatus(), {}, [this](const ApiResponse &r) {
        if (!r.ok())
            return;
        set(QueuePending, QLocale().toString(r.body.value(f::pending).toInteger()));
        set(QueueProcessing, QLocale().toString(r.body.value(f::processing).toInteger()));
        set(QueueCompleted, QLocale().toString(r.body.value(f::completed).toInteger()));
        set(QueueFailed, QLocale().toString(r.body.value(f::failed).toInteger()));
        set(Worker, r.body.value(f::workerStatus).toString());
    });
}

void OverviewModel::loadHealth()
{
    // /health answers 503 with a body while the database is down; that is a value, not an error.
    ++m_inFlight;
    m_api->get(api::health(), {}, this, [this](const ApiResponse &r) {
        set(ApiHealth,
            r.body.value(f::status).toString(r.unreachable() ? tr("unreachable") : tr("unknown")));
        if (--m_inFlight > 0)
            return;
        if (m_error.isEmpty())
            Q_EMIT refreshed();
        else
            Q_EMIT refreshFailed(m_error);
    });
}

void OverviewModel::updateSuccessRate()
{
    if (m_successCount < 0 || m_failedCount < 0)
        return;
    const int decided = m_successCount + m_failedCount;
    set(SuccessRate, decided
                         ? QStringLiteral("%1 %").arg(100.0 * m_successCount / decided, 0, 'f', 1)
                         : tr("n/a"));
}

} // namespace gw::console
