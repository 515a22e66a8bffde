#include "console/overviewcharts.h"
#include "console/apifields.h"
#include "console/overviewmodel.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QJsonArray>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace gw::console {

namespace f = api::field;

namespace {
const QColor kSuccess(0x2e, 0x7d, 0x32);
const QColor kFailed(0xc6, 0x28, 0x28);
const QColor kPending(0xf9, 0xa8, 0x25);
const QColor kVolume(0x15, 0x65, 0xc0);
const QColor kQueued(0x6a, 0x1b, 0x9a);

// A nice upper bound for a y axis: at least 1, some headroom above the largest value.
double ceiling(double max)
{
    return max <= 0 ? 1.0 : max * 1.15;
}

// Y of a step series over the buckets: two points per bucket, at its start and its end.
QList<QPointF> steps(const QList<qint64> &starts, qint64 stepMs, const QList<double> &values)
{
    QList<QPointF> points;
    points.reserve(values.size() * 2);
    for (qsizetype i = 0; i < values.size(); ++i) {
        points.append({double(starts.at(i)), values.at(i)});
        points.append({double(starts.at(i) + stepMs), values.at(i)});
    }
    return points;
}

QString timeFormat(qint64 spanMs)
{
    return spanMs <= 36LL * 3600 * 1000 ? QStringLiteral("HH:mm") : QStringLiteral("MMM d");
}
} // namespace

OverviewCharts::OverviewCharts(OverviewModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    m_payments = addPlot(QStringLiteral("payments"), tr("Payments per bucket"), 0, 0);
    m_rate = addPlot(QStringLiteral("successRate"), tr("Success rate (%)"), 0, 1);
    m_volume = addPlot(QStringLiteral("volume"), tr("Volume, successful (₹)"), 0, 2);
    m_webhooks = addPlot(QStringLiteral("webhooks"), tr("Webhook deliveries"), 1, 0);
    m_queue = addPlot(QStringLiteral("queue"), tr("Queue depth (live)"), 1, 1, 2);

    // Stacked by status: each area lies on the one below it.
    QLineSeries *below = nullptr;
    for (const auto &[name, label, color] : {std::tuple{f::success, tr("success"), kSuccess},
                                             std::tuple{f::failed, tr("failed"), kFailed},
                                             std::tuple{f::pending, tr("pending"), kPending}}) {
        auto *upper = new QLineSeries(this);
        upper->setObjectName(QStringLiteral("payments.%1.upper").arg(name));
        auto *area = new QAreaSeries(upper, below);
        area->setObjectName(QStringLiteral("payments.%1").arg(name));
        area->setName(label);
        area->setColor(color);
        area->setBorderColor(color.darker(120));
        m_payments.chart->addSeries(area);
        area->attachAxis(m_payments.x);
        area->attachAxis(m_payments.y);
        below = upper;
    }
    // One point per bucket that has decided payments: markers, so a lone bucket is seen too.
    addLine(m_rate, QStringLiteral("successRate"), tr("success / decided"), kSuccess)
        ->setPointsVisible(true);
    m_rate.y->setRange(0, 100);
    addLine(m_volume, QStringLiteral("volume"), tr("volume"), kVolume);
    addLine(m_webhooks, QStringLiteral("webhooks.success"), tr("succeeded"), kSuccess);
    addLine(m_webhooks, QStringLiteral("webhooks.failed"), tr("failed"), kFailed);
    addLine(m_queue, QStringLiteral("queue.queued"), tr("queued"), kQueued);
    addLine(m_queue, QStringLiteral("queue.inFlight"), tr("in flight"), kVolume);
    addLine(m_queue, QStringLiteral("queue.delayed"), tr("delayed"), kPending);

    connect(m_model, &OverviewModel::statsChanged, this, [this] {
        updateFromStats();
        updateQueue();
    });
}

OverviewCharts::Plot OverviewCharts::addPlot(const QString &name, const QString &title, int row,
                                             int column, int columnSpan)
{
    Plot p;
    p.chart = new QChart;
    p.chart->setObjectName(name);
    p.chart->setTitle(title);
    p.chart->setAnimationOptions(QChart::NoAnimation);
    p.chart->legend()->setAlignment(Qt::AlignBottom);
    p.chart->setMargins(QMargins(4, 4, 4, 4));
    p.chart->layout()->setContentsMargins(0, 0, 0, 0);
    p.x = new QDateTimeAxis(p.chart);
    p.x->setFormat(QStringLiteral("HH:mm"));
    p.x->setTickCount(5);
    p.y = new QValueAxis(p.chart);
    p.y->setLabelFormat(QStringLiteral("%g"));
    p.y->setTickCount(5);
    p.chart->addAxis(p.x, Qt::AlignBottom);
    p.chart->addAxis(p.y, Qt::AlignLeft);
    auto *view = new QChartView(p.chart, this);
    view->setObjectName(name + QStringLiteral("Chart"));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(300, 210);
    static_cast<QGridLayout *>(layout())->addWidget(view, row, column, 1, columnSpan);
    m_views.append(view);
    return p;
}

QLineSeries *OverviewCharts::addLine(const Plot &plot, const QString &name, const QString &label,
                                     const QColor &color)
{
    auto *series = new QLineSeries(plot.chart);
    series->setObjectName(name);
    series->setName(label);
    QPen pen(color);
    pen.setWidthF(2);
    series->setPen(pen);
    plot.chart->addSeries(series);
    series->attachAxis(plot.x);
    series->attachAxis(plot.y);
    return series;
}

QChart *OverviewCharts::chart(const QString &name) const
{
    for (QChartView *v : m_views)
        if (v->chart()->objectName() == name)
            return v->chart();
    return nullptr;
}

void OverviewCharts::updateFromStats()
{
    const QJsonObject stats = m_model->stats();
    const QJsonArray series = stats.value(f::series).toArray();
    const QDateTime from =
        QDateTime::fromString(stats.value(f::from).toString(), Qt::ISODateWithMs);
    const QDateTime to = QDateTime::fromString(stats.value(f::to).toString(), Qt::ISODateWithMs);
    const QString bucket = stats.value(f::bucket).toString();
    const qint64 stepMs = bucket == QStringLiteral("minute") ? 60000
                          : bucket == QStringLiteral("day")  ? 86400000
                                                             : 3600000;

    QList<qint64> starts;
    QList<double> success, failed, pending, volume, hooksOk, hooksFailed;
    QList<QPointF> rate;
    for (const QJsonValue &v : series) {
        const QJsonObject b = v.toObject();
        const qint64 start = QDateTime::fromString(b.value(f::start).toString(), Qt::ISODateWithMs)
                                 .toMSecsSinceEpoch();
        const QJsonObject p = b.value(f::payments).toObject();
        const QJsonObject w = b.value(f::webhooks).toObject();
        starts.append(start);
        const double s = double(p.value(f::success).toInteger()),
                     fl = double(p.value(f::failed).toInteger());
        success.append(s);
        failed.append(s + fl);
        pending.append(s + fl + double(p.value(f::pending).toInteger()));
        volume.append(double(b.value(f::volume).toInteger()) / 100.0);
        hooksOk.append(double(w.value(f::success).toInteger()));
        hooksFailed.append(double(w.value(f::failed).toInteger()));
        if (b.value(f::successRate).isDouble())
            rate.append({double(start + stepMs / 2), 100.0 * b.value(f::successRate).toDouble()});
    }

    auto area = [this](const char *status) {
        return findChild<QLineSeries *>(
            QStringLiteral("payments.%1.upper").arg(QLatin1StringView(status)));
    };
    area("success")->replace(steps(starts, stepMs, success));
    area("failed")->replace(steps(starts, stepMs, failed));
    area("pending")->replace(steps(starts, stepMs, pending));
    m_payments.y->setRange(
        0, ceiling(pending.isEmpty() ? 0 : *std::max_element(pending.begin(), pending.end())));
    m_payments.y->applyNiceNumbers();

    auto line = [](const Plot &plot, const char *name) {
        for (QAbstractSeries *s : plot.chart->series())
            if (s->objectName() == QLatin1StringView(name))
                return static_cast<QLineSeries *>(s);
        return static_cast<QLineSeries *>(nullptr);
    };
    line(m_rate, "successRate")->replace(rate);
    line(m_volume, "volume")->replace(steps(starts, stepMs, volume));
    m_volume.y->setRange(
        0, ceiling(volume.isEmpty() ? 0 : *std::max_element(volume.begin(), volume.end())));
    m_volume.y->applyNiceNumbers();
    line(m_webhooks, "webhooks.success")->replace(steps(starts, stepMs, hooksOk));
    line(m_webhooks, "webhooks.failed")->replace(steps(starts, stepMs, hooksFailed));
    double hooksMax = 0;
    for (const QList<double> *l : {&hooksOk, &hooksFailed})
        for (double v : *l)
            hooksMax = std::max(hooksMax, v);
    m_webhooks.y->setRange(0, ceiling(hooksMax));
    m_webhooks.y->applyNiceNumbers();

    const QString format = timeFormat(from.msecsTo(to));
    for (const Plot *p : {&m_payments, &m_rate, &m_volume, &m_webhooks}) {
        p->x->setFormat(format);
        p->x->setRange(from.toLocalTime(), to.toLocalTime());
    }
}

void OverviewCharts::updateQueue()
{
    const auto &samples = m_model->queueSamples();
    QList<QPointF> queued, inFlight, delayed;
    double max = 0;
    for (const OverviewModel::QueueSample &s : samples) {
        const double t = double(s.at.toMSecsSinceEpoch());
        queued.append({t, double(s.queued)});
        inFlight.append({t, double(s.inFlight)});
        delayed.append({t, double(s.delayed)});
        max = std::max({max, double(s.queued), double(s.inFlight), double(s.delayed)});
    }
    const QList<QAbstractSeries *> series = m_queue.chart->series();
    static_cast<QLineSeries *>(series.at(0))->replace(queued);
    static_cast<QLineSeries *>(series.at(1))->replace(inFlight);
    static_cast<QLineSeries *>(series.at(2))->replace(delayed);
    m_queue.y->setRange(0, ceiling(max));
    m_queue.y->applyNiceNumbers();
    if (samples.isEmpty())
        return;
    // At least a minute wide, so the first samples do not fill the chart edge to edge.
    const QDateTime last = samples.last().at.toLocalTime();
    const QDateTime first = std::min(samples.first().at.toLocalTime(), last.addSecs(-60));
    m_queue.x->setFormat(QStringLiteral("HH:mm:ss"));
    m_queue.x->setRange(first, last);
}

} // namespace gw::console
