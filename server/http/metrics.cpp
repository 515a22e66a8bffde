#include "server/http/metrics.h"

#include "core/enums.h"

#include <QMutexLocker>

namespace gw::http {

namespace {
QByteArray label(const QString &value)
{
    QByteArray v = value.toUtf8();
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return v;
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', 12);
}

// "job.payment.success" → type and outcome; false for anything else.
bool splitJobField(const QByteArray &field, QByteArray &type, QByteArray &outcome)
{
    const QList<QByteArray> parts = field.split('.');
    if (parts.size() != 3 || parts[0] != "job")
        return false;
    type = parts[1];
    outcome = parts[2];
    return true;
}

QByteArray gauge(const char *name, const char *help, double value)
{
    return QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " gauge\n" + name +
           ' ' + number(value) + '\n';
}

QByteArray renderGauges(const Gauges &g)
{
    QByteArray out;
    if (g.queue) {
        out += gauge("gateway_jobs_queued", "Jobs waiting in the queue for a worker.",
                     double(g.queue->queued));
        out +=
            gauge("gateway_jobs_in_flight", "Jobs delivered to a worker and not yet acknowledged.",
                  double(g.queue->inFlight));
        out += gauge("gateway_jobs_delayed", "Jobs scheduled for later (retries, delayed work).",
                     double(g.queue->delayed));
        out += gauge("gateway_jobs_oldest_queued_age_seconds",
                     "Seconds the oldest waiting job has waited (0: none waits).",
                     g.queue->oldestQueuedAgeSeconds);
    }
    if (g.deliveriesPending)
        out += gauge("gateway_webhook_deliveries_pending",
                     "Webhook deliveries not yet delivered, over every merchant.",
                     double(*g.deliveriesPending));
    if (g.deliveriesFailed)
        out += gauge("gateway_webhook_deliveries_failed",
                     "Webhook deliveries that failed every attempt, over every merchant.",
                     double(*g.deliveriesFailed));
    if (g.writerPending)
        out += gauge("gateway_writer_pending",
                     "Creates and refunds this process handed to its writers, not yet answered.",
                     double(*g.writerPending));
    if (g.heartbeatAges) {
        out += "# HELP gateway_worker_heartbeat_age_seconds Seconds since each worker's last "
               "heartbeat.\n"
               "# TYPE gateway_worker_heartbeat_age_seconds gauge\n";
        for (const auto &[worker, age] : *g.heartbeatAges)
            out += "gateway_worker_heartbeat_age_seconds{worker=\"" + label(worker) + "\"} " +
                   number(age) + '\n';
    }
    return out;
}
} // namespace

void Metrics::record(const QString &route, int status, double seconds)
{
    QMutexLocker lock(&m_mutex);
    ++m_requests[qMakePair(route, status)];
    Histogram &h = m_latency[route];
    for (size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

QByteArray Metrics::render(const QMap<QByteArray, QByteArray> &workerCounters,
                           const Gauges &gauges) const
{
    QByteArray out;
    {
        QMutexLocker lock(&m_mutex);
        out += "# HELP gateway_http_requests_total HTTP requests by route and status.\n"
               "# TYPE gateway_http_requests_total counter\n";
        for (auto it = m_requests.begin(); it != m_requests.end(); ++it)
            out += "gateway_http_requests_total{route=\"" + label(it.key().first) + "\",status=\"" +
                   QByteArray::number(it.key().second) + "\"} " + QByteArray::number(it.value()) +
                   '\n';
        out += "# HELP gateway_http_request_duration_seconds Time from request to response, by "
               "route.\n"
               "# TYPE gateway_http_request_duration_seconds histogram\n";
        for (auto it = m_latency.begin(); it != m_latency.end(); ++it) {
            const QByteArray route = "route=\"" + label(it.key()) + '"';
            for (size_t i = 0; i < kBuckets.size(); ++i)
                out += "gateway_http_request_duration_seconds_bucket{" + route + ",le=\"" +
                       number(kBuckets[i]) + "\"} " + QByteArray::number(it->buckets[i]) + '\n';
            out += "gateway_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"} " +
                   QByteArray::number(it->count) + '\n';
            out += "gateway_http_request_duration_seconds_sum{" + route + "} " + number(it->sum) +
                   '\n';
            out += "gateway_http_request_duration_seconds_count{" + route + "} " +
                   QByteArray::number(it->count) + '\n';
        }
    }
    out += "# HELP gateway_jobs_total Jobs finished by the workers, by type and outcome.\n"
           "# TYPE gateway_jobs_total counter\n";
    const QStringList kinds = allStrings<JobKind>();
    for (const QString &kind : kinds)
        for (const char *outcome : {"success", "failure"}) {
            const QByteArray type = kind.toUtf8();
            const QByteArray field = QByteArray("job.") + type + '.' + outcome;
            out += QByteArray("gateway_jobs_total{type=\"") + type + "\",outcome=\"" + outcome +
                   "\"} " + QByteArray::number(workerCounters.value(field, "0").toLongLong()) +
                   '\n';
        }
    for (auto it = workerCounters.begin(); it != workerCounters.end(); ++it) {
        QByteArray type, outcome;
        if (splitJobField(it.key(), type, outcome) && !kinds.contains(QString::fromUtf8(type)))
            out += "gateway_jobs_total{type=\"" + label(QString::fromUtf8(type)) + "\",outcome=\"" +
                   label(QString::fromUtf8(outcome)) + "\"} " +
                   QByteArray::number(it.value().toLongLong()) + '\n';
    }
    out += "# HELP gateway_webhook_attempts_total Webhook delivery attempts by outcome.\n"
           "# TYPE gateway_webhook_attempts_total counter\n";
    for (const char *outcome : {"success", "failure"})
        out +=
            QByteArray("gateway_webhook_attempts_total{outcome=\"") + outcome + "\"} " +
            QByteArray::number(
                workerCounters.value(QByteArray("webhook.attempt.") + outcome, "0").toLongLong()) +
            '\n';
    return out + renderGauges(gauges);
}

} // namespace gw::http
