#pragma once
// Request metrics for /metrics: counts by route and status and a latency histogram per route,
// recorded by every server thread (one mutex; a few map updates per request). Job and webhook
// counters come from the worker through Redis and are rendered next to these, and so are the
// gauges an operator alerts on (queue depth, oldest waiting job, delivery backlog, heartbeats),
// read fresh for each scrape.
#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QString>
#include <array>
#include <optional>

namespace gw::http {

// The state of the gateway at scrape time; a part that could not be read is absent, so that a
// gauge is missing rather than wrong.
struct Gauges
{
    struct Queue
    {
        qint64 queued = 0;
        qint64 inFlight = 0;
        qint64 delayed = 0;
        double oldestQueuedAgeSeconds = 0;
    };
    std::optional<Queue> queue;
    std::optional<qint64> deliveriesPending;
    std::optional<qint64> deliveriesFailed;
    std::optional<qint64> writerPending; // this process's group commit (PaymentWriter)
    std::optional<QList<QPair<QString, double>>>
        heartbeatAges; // worker id → seconds since its beat
};

class Metrics
{
public:
    static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

    // `route` is the route's pattern ("POST /api/v1/payments"), never the concrete path.
    void record(const QString &route, int status, double seconds);
    // Prometheus text exposition of the request metrics, plus the worker's counters from the
    // Redis hash gw:metrics (fields job.<kind>.<outcome> and webhook.attempt.<outcome>).
    QByteArray render(const QMap<QByteArray, QByteArray> &workerCounters,
                      const Gauges &gauges = {}) const;

private:
    struct Histogram
    {
        std::array<quint64, kBuckets.size()> buckets{};
        quint64 count = 0;
        double sum = 0;
    };

    mutable QMutex m_mutex;
    QMap<QPair<QString, int>, quint64> m_requests;
    QMap<QString, Histogram> m_latency;
};

} // namespace gw::http
