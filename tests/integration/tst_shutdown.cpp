// SIGTERM and SIGINT stop every process (gateway-server, gateway-worker, checkout-web) cleanly:
// exit status 0 with work in flight, round after round, each saying which signal stopped it. And a
// SIGTERM that arrives while the server is still applying migrations, before its event loop runs,
// is not lost (a handler calling QCoreApplication::quit() loses it: quit() does nothing then).
#include "queue/jobqueue.h"
#include "queue/redisclient.h"
#include "store/connection.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <csignal>

using namespace gw;

namespace {
constexpr int kRounds = 3;
constexpr int kStopTimeoutMs = 20000;

// wrk hammering one URL over 32 keep-alive connections until it is stopped.
struct Load
{
    QProcess wrk;
    explicit Load(const QString &url)
    {
        wrk.setProcessChannelMode(QProcess::MergedChannels);
        wrk.start(QStringLiteral("wrk"),
                  {QStringLiteral("-t1"), QStringLiteral("-c32"), QStringLiteral("-d60s"),
                   QStringLiteral("--timeout"), QStringLiteral("5s"), url});
    }
    ~Load()
    {
        wrk.kill();
        wrk.waitForFinished(5000);
    }
    bool running() { return wrk.waitForStarted(5000) && wrk.state() == QProcess::Running; }
};
} // namespace

class TestShutdown : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;

    // Stops the process with the signal and checks it exited with 0 and said why.
    static void stopCleanly(test::ManagedProcess &p, int signalNumber, const char *name)
    {
        QVERIFY2(p.signalAndWait(signalNumber, kStopTimeoutMs),
                 qPrintable(QStringLiteral("still running %1 ms after %2:\n")
                                .arg(kStopTimeoutMs)
                                .arg(QLatin1String(name)) +
                            p.output().right(2000)));
        QVERIFY2(
            p.exitCode() == 0,
            qPrintable(
                QStringLiteral("exit %1 after %2:\n").arg(p.exitCode()).arg(QLatin1String(name)) +
                p.output().right(2000)));
        QVERIFY2(p.output().contains(QLatin1String(name) + QStringLiteral(" received, stopping")),
                 qPrintable(p.output().right(2000)));
    }

    // Payments for the worker to process: each order gets one UPI payment.
    static void queuePayments(test::HttpClient &api, int count)
    {
        for (int i = 0; i < count; ++i) {
            const auto order =
                api.post(QStringLiteral("/api/v1/orders"), {{QStringLiteral("amount"), 50000}});
            QCOMPARE(order.status, 201);
            const auto payment =
                api.post(QStringLiteral("/api/v1/payments"),
                         {{QStringLiteral("order_id"), order.json().value(QStringLiteral("id"))},
                          {QStringLiteral("method"), QStringLiteral("upi")},
                          {QStringLiteral("vpa"), QStringLiteral("shopper@okaxis")}});
            QCOMPARE(payment.status, 201);
        }
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.start(), QString()); }

    void serverUnderLoad()
    {
        for (int round = 0; round < kRounds; ++round) {
            auto server = m_stack.startServer();
            QVERIFY2(server.port, qPrintable(server.process->output()));
            Load load(server.baseUrl() + QStringLiteral("/health"));
            QVERIFY2(load.running(), "wrk did not start (scripts/install-deps installs it)");
            QTest::qWait(500); // half a second under load: the stop comes mid-traffic
            const bool last = round == kRounds - 1;
            stopCleanly(*server.process, last ? SIGINT : SIGTERM, last ? "SIGINT" : "SIGTERM");
            if (QTest::currentTestFailed())
                return;
        }
    }

    void checkoutWebUnderLoad()
    {
        for (int round = 0; round < kRounds; ++round) {
            auto web = m_stack.startBinary(QStringLiteral("checkout-web/checkout-web"));
            QVERIFY2(web.port, qPrintable(web.process->output()));
            Load load(web.baseUrl() + QStringLiteral("/checkout.js"));
            QVERIFY2(load.running(), "wrk did not start (scripts/install-deps installs it)");
            QTest::qWait(500); // half a second under load: the stop comes mid-traffic
            stopCleanly(*web.process, SIGTERM, "SIGTERM");
            if (QTest::currentTestFailed())
                return;
        }
    }

    void workerWithJobsInFlight()
    {
        auto server = m_stack.startServer();
        QVERIFY2(server.port, qPrintable(server.process->output()));
        test::HttpClient api(server.baseUrl());
        const QMap<QString, QString> env{
            {QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("1000")},
            {QStringLiteral("WORKER_SHUTDOWN_GRACE_MS"), QStringLiteral("3000")}};
        queue::RedisClient redis(m_stack.redis());
        for (int round = 0; round < kRounds; ++round) {
            queuePayments(api, 20);
            auto worker = m_stack.startWorker(env);
            QVERIFY2(worker.process && worker.process->isRunning(),
                     qPrintable(worker.process->output()));
            // This round's jobs taken, and waiting out their processing delay.
            QVERIFY(test::eventually(
                [&redis] {
                    const auto c = queue::JobQueue(redis).counts();
                    return c && c->processing >= 20;
                },
                10000));
            stopCleanly(*worker.process, SIGTERM, "SIGTERM");
            if (QTest::currentTestFailed())
                return;
        }
        server.process->terminate();
    }

    // The server blocks applying migrations while this test holds schema_migrations; a SIGTERM
    // then must still stop it once the migrations are through.
    void sigtermDuringMigrations()
    {
        store::Connection holder(m_stack.database(), QStringLiteral("test-hold-migrations"));
        QVERIFY(holder.ensureOpen());
        QVERIFY(holder.db().transaction());
        QSqlQuery lock(holder.db());
        QVERIFY2(lock.exec(QStringLiteral("LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE")),
                 qPrintable(lock.lastError().text()));

        test::ManagedProcess server;
        QVERIFY(server.start(test::TestStack::buildDir() + QStringLiteral("/server/gateway-server"),
                             {}, m_stack.environment()));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_stack.sql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                       "application_name = 'gw-migrate' AND "
                                       "wait_event_type = 'Lock'"))
                    .value(0) == QStringLiteral("1"),
            15000);
        ::kill(pid_t(server.pid()), SIGTERM);
        QTest::qWait(300); // for the signal to arrive (nothing outside the server shows that)
        QVERIFY(holder.db().commit()); // the migrations go on, then the event loop starts

        QVERIFY2(server.signalAndWait(0, kStopTimeoutMs), // signal 0: only wait
                 qPrintable(QStringLiteral("the SIGTERM sent during migrations was lost:\n") +
                            server.output().right(2000)));
        QVERIFY2(server.exitCode() == 0, qPrintable(server.output().right(2000)));
        QVERIFY(server.output().contains(QStringLiteral("SIGTERM received, stopping")));
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestShutdown)
#include "tst_shutdown.moc"
