// GET /health: healthy with database, Redis and a worker; degraded without Redis or a worker;
// 503 while the database is unreachable, and healthy again once it is back.
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QTest>

using namespace gw;

class TestHealth : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    test::HttpResponse health()
    {
        return test::HttpClient(m_server.baseUrl()).get(QStringLiteral("/health"));
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.startWithServer(m_server), QString()); }

    void withoutWorkerIsDegraded()
    {
        const auto r = health();
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json();
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
        QCOMPARE(body.value(QStringLiteral("database")).toString(), QStringLiteral("connected"));
        QCOMPARE(body.value(QStringLiteral("redis")).toString(), QStringLiteral("connected"));
        QCOMPARE(body.value(QStringLiteral("worker")).toString(), QStringLiteral("stopped"));
        QVERIFY(QDateTime::fromString(body.value(QStringLiteral("timestamp")).toString(),
                                      Qt::ISODateWithMs)
                    .isValid());
    }

    void withWorkerIsHealthy()
    {
        auto worker = m_stack.startWorker();
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        QTRY_COMPARE_WITH_TIMEOUT(health().json().value(QStringLiteral("status")).toString(),
                                  QStringLiteral("healthy"), 15000);
        QCOMPARE(health().json().value(QStringLiteral("worker")).toString(),
                 QStringLiteral("running"));
        worker.process->terminate();
        // A worker that stops cleanly takes itself off the registry at once.
        QTRY_COMPARE_WITH_TIMEOUT(health().json().value(QStringLiteral("worker")).toString(),
                                  QStringLiteral("stopped"), 15000);
    }

    void redisDownIsDegraded()
    {
        QVERIFY(m_stack.stopRedis());
        const auto r = health();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("redis")).toString(),
                 QStringLiteral("disconnected"));
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
        QVERIFY(m_stack.startRedis());
        QTRY_COMPARE_WITH_TIMEOUT(health().json().value(QStringLiteral("redis")).toString(),
                                  QStringLiteral("connected"), 15000);
    }

    void databaseDownIs503ThenRecovers()
    {
        const QString db = m_stack.database().database;
        QCOMPARE(m_stack.adminSql(
                     QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS false").arg(db)),
                 QString());
        QCOMPARE(
            m_stack.adminSql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                            " WHERE datname = '%1'")
                                 .arg(db)),
            QString());
        // Every server thread sees it as its connection is used; ask a few times.
        QTRY_COMPARE_WITH_TIMEOUT(health().status, 503, 15000);
        QCOMPARE(health().json().value(QStringLiteral("database")).toString(),
                 QStringLiteral("disconnected"));
        // Re-allow from another database, since this one refuses connections now.
        QCOMPARE(m_stack.adminSql(
                     QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS true").arg(db)),
                 QString());
        for (int i = 0; i < 20; ++i) // all threads reconnect
            QTRY_COMPARE_WITH_TIMEOUT(health().status, 200, 15000);
        QVERIFY(m_server.process->isRunning());
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
