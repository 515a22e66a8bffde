// The worker's tunables read from the environment without a worker: defaults when unset, each
// variable's bounds inclusive, and a clear refusal naming the variable otherwise.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "worker/workersettings.h"

#include <QTest>

using namespace gw;
using namespace gw::worker;

namespace {
QProcessEnvironment env(const QString &name, const QString &value)
{
    QProcessEnvironment e;
    e.insert(name, value);
    return e;
}

// The field each variable sets.
int valueOf(const WorkerSettings &s, const QString &name)
{
    const QMap<QString, int> fields{
        {"WORKER_VISIBILITY_TIMEOUT_MS", s.visibilityTimeoutMs},
        {"WORKER_PICKUP_AFTER_MS", s.pickupAfterMs},
        {"WORKER_PICKUP_INTERVAL_MS", s.pickupIntervalMs},
        {"WORKER_SWEEP_AFTER_S", s.sweepAfterSeconds},
        {"WORKER_SWEEP_INTERVAL_MS", s.sweepIntervalMs},
        {"WORKER_MAX_IN_FLIGHT", s.maxInFlight},
        {"WORKER_SHUTDOWN_GRACE_MS", s.shutdownGraceMs},
        {"WEBHOOK_CONCURRENCY", s.webhookConcurrency},
        {"WEBHOOK_DELIVERY_THREADS", s.webhookThreads},
        {"WEBHOOK_ENDPOINT_CONNECTIONS", s.webhookEndpointConnections},
        {"WEBHOOK_BREAKER_FAILURES", s.webhookBreakerFailures},
        {"WEBHOOK_BREAKER_COOLDOWN_MS", s.webhookBreakerCooldownMs},
        {"WEBHOOK_LEASE_S", s.webhookLeaseSeconds},
    };
    return fields.value(name, -1);
}
} // namespace

class TestWorkerSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        const auto s = WorkerSettings::fromEnvironment({});
        QVERIFY(s.ok());
        QCOMPARE(s->visibilityTimeoutMs, 30'000);
        QCOMPARE(s->pickupAfterMs, 2'000);
        QCOMPARE(s->sweepAfterSeconds, 30);
        QCOMPARE(s->maxInFlight, 20'000);
        QCOMPARE(s->shutdownGraceMs, 8'000);
        QCOMPARE(s->webhookThreads, 2);
        QCOMPARE(s->webhookEndpointConnections, 6);
        QCOMPARE(s->webhookBreakerFailures, 3);
        QCOMPARE(s->webhookTimeoutMs, 5'000); // SPEC.md, not a setting
    }

    void accepted_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("expected");
        QTest::addRow("visibility at its least") << "WORKER_VISIBILITY_TIMEOUT_MS"
                                                 << "500" << 500;
        QTest::addRow("visibility at its most") << "WORKER_VISIBILITY_TIMEOUT_MS"
                                                << "3600000" << 3'600'000;
        QTest::addRow("pickup after, spaces trimmed") << "WORKER_PICKUP_AFTER_MS"
                                                      << " 300 " << 300;
        QTest::addRow("sweep after a day") << "WORKER_SWEEP_AFTER_S"
                                           << "86400" << 86'400;
        QTest::addRow("no shutdown grace") << "WORKER_SHUTDOWN_GRACE_MS"
                                           << "0" << 0;
        QTest::addRow("one in flight") << "WORKER_MAX_IN_FLIGHT"
                                       << "1" << 1;
        QTest::addRow("sixteen delivery threads") << "WEBHOOK_DELIVERY_THREADS"
                                                  << "16" << 16;
        QTest::addRow("one connection per endpoint") << "WEBHOOK_ENDPOINT_CONNECTIONS"
                                                     << "1" << 1;
        QTest::addRow("breaker cooldown") << "WEBHOOK_BREAKER_COOLDOWN_MS"
                                          << "100" << 100;
        QTest::addRow("lease at its least") << "WEBHOOK_LEASE_S"
                                            << "6" << 6;
    }

    void accepted()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(int, expected);
        const auto s = WorkerSettings::fromEnvironment(env(name, value));
        QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().description));
        QCOMPARE(valueOf(s.value(), name), expected);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("range");
        QTest::addRow("visibility below") << "WORKER_VISIBILITY_TIMEOUT_MS"
                                          << "499"
                                          << "from 500 to 3600000";
        QTest::addRow("in flight zero") << "WORKER_MAX_IN_FLIGHT"
                                        << "0"
                                        << "from 1 to 1000000";
        QTest::addRow("seven connections") << "WEBHOOK_ENDPOINT_CONNECTIONS"
                                           << "7"
                                           << "from 1 to 6";
        QTest::addRow("lease within an attempt") << "WEBHOOK_LEASE_S"
                                                 << "5"
                                                 << "from 6 to 3600";
        QTest::addRow("threads in words") << "WEBHOOK_DELIVERY_THREADS"
                                          << "two"
                                          << "from 1 to 16";
        QTest::addRow("grace negative") << "WORKER_SHUTDOWN_GRACE_MS"
                                        << "-1"
                                        << "from 0 to 600000";
        QTest::addRow("a fraction") << "WEBHOOK_BREAKER_FAILURES"
                                    << "2.5"
                                    << "from 1 to 1000";
        QTest::addRow("empty") << "WORKER_SWEEP_INTERVAL_MS"
                               << ""
                               << "from 100 to 3600000";
        QTest::addRow("beyond int") << "WEBHOOK_CONCURRENCY"
                                    << "99999999999"
                                    << "from 1 to 10000";
    }

    void refused()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, range);
        const auto s = WorkerSettings::fromEnvironment(env(name, value));
        QVERIFY2(!s.ok(), "accepted");
        QCOMPARE(s.error().field, name);
        QCOMPARE(s.error().description,
                 name + " must be a whole number " + range + ", not \"" + value + "\"");
    }
};

QTEST_MAIN(TestWorkerSettings)
#include "tst_workersettings.moc"
