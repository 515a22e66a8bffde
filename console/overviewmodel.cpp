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
QString count(const QJsonObject &o, const QString &name)
{
    return QLocale().toString(o.value(name).toInteger());
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

void OverviewModel::setRange(Range range)
{
    m_range = range;
}

void OverviewModel::setCustomRange(const QDateTime &from, const QDateTime &to)
{
    m_range = Custom;
    m_customFrom = from;
    m_customTo = to;
}

QUrlQuery OverviewModel::nextStatsQuery() const
{
    QDateTime to = QDateTime::currentDateTimeUtc();
    QDateTime from;
    QString bucket = QStringLiteral("hour");
    switch (m_range) {
    case LastHour:
        from = to.addSecs(-3600);
        bucket = QStringLiteral("minute");
        break;
    case LastDay:
        from = to.addDays(-1);
        break;
    case LastWeek:
        from = to.addDays(-7);
        break;
    case Custom: {
        from = m_customFrom.toUTC();
        to = m_customTo.toUTC();
        const qint64 span = from.secsTo(to);
        bucket = span <= 6 * 3600     ? QStringLiteral("minute")
                 : span <= 14 * 86400 ? QStringLiteral("hour")
                                      : QStringLiteral("day");
        break;
    }
    }
    QUrlQuery q;
    q.addQueryItem(f::from, from.toString(Qt::ISODateWithMs));
    q.addQueryItem(f::to, to.toString(Qt::ISODateWithMs));
    q.addQueryItem(f::bucket, bucket);
    return q;
}

void OverviewModel::refresh()
{
    if (m_inFlight > 0)
        return;
    m_error.clear();
    loadStats();
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
        finishOne();
    });
}

void OverviewModel::finishOne()
{
    if (--m_inFlight > 0)
        return;
    if (m_error.isEmpty())
        Q_EMIT refreshed();
    else
        Q_EMIT refreshFailed(m_error);
}

void OverviewModel::loadStats()
{
    const QUrlQuery query = nextStatsQuery();
    request(api::stats(), query, [this, query](const ApiResponse &r) {
        if (!r.ok())
            return;
        m_stats = r.body;
        m_statsQuery = query;
        const QJsonObject t = r.body.value(f::totals).toObject();
        const QJsonObject byStatus = t.value(f::paymentsByStatus).toObject();
        const QJsonObject refunds = t.value(f::refundsByStatus).toObject();
        set(Payments, count(t, f::payments));
        set(Successful, count(byStatus, f::success));
        set(Failed, count(byStatus, f::failed));
        set(Pending, count(byStatus, f::pending));
        set(Volume, Money::format(t.value(f::volume).toInteger()));
        const QJsonValue rate = t.value(f::successRate);
        set(SuccessRate, rate.isDouble()
                             ? QStringLiteral("%1 %").arg(100.0 * rate.toDouble(), 0, 'f', 1)
                             : tr("n/a"));
        set(Refunds, count(t, f::refunds));
        set(RefundedAmount, Money::format(t.value(f::refundedAmount).toInteger()));
        set(PendingRefunds, count(refunds, f::pending));
        const QJsonObject jobs = t.value(f::jobs).toObject();
        if (!jobs.isEmpty()) {
            m_queue.append({QDateTime::currentDateTimeUtc(), jobs.value(f::queued).toInteger(),
                            jobs.value(f::inFlight).toInteger(),
                            jobs.value(f::delayed).toInteger()});
            if (m_queue.size() > MaxQueueSamples)
                m_queue.removeFirst();
        }
        Q_EMIT statsChanged();
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
        finishOne();
    });
}

} // namespace gw::console
