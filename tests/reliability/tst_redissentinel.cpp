// Redis under Sentinel (one master, two replicas, three Sentinels on loopback): the server and
// the worker find the master through REDIS_SENTINELS and follow it through failovers without a
// restart. The master killed (SIGKILL) under a stream of payments: every create answers 201 and
// every payment completes once, each with its webhooks delivered once. The master frozen
// (SIGSTOP) for 20 s: the blocked reads time out, the clients move to the new master, and the
// payments created meanwhile complete before the old master is thawed. And /health names the
// missing master when the Sentinels know none.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/redissentinels.h"
#include "support/teststack.h"
#include "support/webhookreceiver.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace gw;

class TestRedisSentinel : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    QTemporaryDir m_dir;
    std::unique_ptr<test::RedisSentinels> m_redis;
    test::RunningService m_server;
    test::RunningService m_worker;
    test::WebhookReceiver m_receiver;
    QStringList m_orders;

    QString one(const QString &sql) { return m_stack.sql(sql).value(0); }

    // Creates one payment; its id, or the failure.
    QString createPayment(test::HttpClient &c)
    {
        const auto r = c.post(
            "/api/v1/payments",
            {{"order_id", m_orders.takeFirst()}, {"method", "upi"}, {"vpa", "shopper@okbank"}});
        return r.status == 201 ? r.json().value("id").toString()
                               : QString("failed: %1 %2").arg(r.status).arg(r.body.constData());
    }

    // The longest a payment of `ids` waited from its create to its outcome, in ms.
    QString longestWait(const QStringList &ids)
    {
        return one("SELECT round(max(extract(epoch FROM updated_at - created_at)) * 1000)"
                   " FROM payments WHERE id IN ('" +
                   ids.join("','") + "')");
    }

    // Every payment in `ids` final, its success event written and delivered once, none doubled.
    void checkEachDoneOnce(const QStringList &ids)
    {
        const QString list = "'" + ids.join("','") + "'";
        QTRY_COMPARE_WITH_TIMEOUT(
            one("SELECT count(*) FROM payments WHERE status = 'pending' AND id IN (" + list + ")"),
            QString("0"), 90000);
        QCOMPARE(
            one("SELECT count(*) FROM payments WHERE status = 'success' AND id IN (" + list + ")"),
            QString::number(ids.size()));
        QCOMPARE(one("SELECT count(*) FROM webhook_logs WHERE event = 'payment.success'"
                     " AND payload::jsonb->'data'->'payment'->>'id' IN (" +
                     list + ")"),
                 QString::number(ids.size()));
        QCOMPARE(one("SELECT count(*) FROM (SELECT 1 FROM webhook_logs GROUP BY event, "
                     "payload::jsonb->'data'->'payment'->>'id' HAVING count(*) > 1) d"),
                 QString("0"));
        // Every delivery log answered by the receiver, each event received once.
        QTRY_COMPARE_WITH_TIMEOUT(
            one("SELECT count(*) FROM webhook_logs WHERE status <> 'success'"), QString("0"),
            60000);
        QTest::qWait(1000); // anything doubled would arrive now
        QSet<QByteArray> events;
        for (const auto &r : std::as_const(m_receiver.requests))
            events.insert(r.headers.value("webhook-id"));
        QCOMPARE(qsizetype(events.size()), m_receiver.requests.size());
        QCOMPARE(QString::number(events.size()), one("SELECT count(*) FROM webhook_logs"));
    }

    void checkNoRestart()
    {
        QVERIFY2(m_server.process->isRunning(), qPrintable(m_server.process->output()));
        QVERIFY2(m_worker.process->isRunning(), qPrintable(m_worker.process->output()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_redis = std::make_unique<test::RedisSentinels>(m_dir.path());
        QCOMPARE(m_redis->start(), QString());
        QMap<QString, QString> env = m_redis->environment();
        env.insert("TEST_PROCESSING_DELAY", "200");
        env.insert("WORKER_VISIBILITY_TIMEOUT_MS", "5000");
        m_server = m_stack.startServer(env);
        QVERIFY2(m_server.port, qPrintable(m_server.process->output()));
        m_worker = m_stack.startWorker(env);
        QVERIFY2(m_worker.process->isRunning(), qPrintable(m_worker.process->output()));
        QVERIFY(m_receiver.listen());
        test::HttpClient c(m_server.baseUrl());
        QCOMPARE(c.put("/api/v1/webhooks/config", {{"url", m_receiver.url()}}).status, 200);
        for (int i = 0; i < 600; ++i)
            m_orders << c.post("/api/v1/orders", {{"amount", 10000}}).json().value("id").toString();
        QVERIFY(!m_orders.contains(QString()));
        QTRY_COMPARE_WITH_TIMEOUT(c.get("/health").json().value("status").toString(),
                                  QString("healthy"), 15000);
    }

    void masterKilledUnderPayments()
    {
        test::HttpClient c(m_server.baseUrl());
        const int old = m_redis->master();
        QVERIFY(old >= 0);
        QStringList ids;
        QElapsedTimer clock;
        clock.start();
        qint64 killedAt = -1;
        // ~12 s of creates at up to ~25/s; the master dies 3 s in.
        while (clock.elapsed() < 12000) {
            if (killedAt < 0 && clock.elapsed() >= 3000) {
                m_redis->kill9(old);
                killedAt = clock.elapsed();
            }
            ids << createPayment(c);
            QVERIFY2(!ids.last().startsWith("failed"), qPrintable(ids.last()));
            QTest::qWait(40); // paces the creates through the kill: the pace is the load
        }
        const int now = m_redis->waitForMasterOtherThan(old, 30000);
        QVERIFY2(now >= 0, "the Sentinels chose no new master");
        checkEachDoneOnce(ids);
        qInfo("%lld payments, the master (node %d) killed at %lld ms; node %d promoted; the "
              "longest wait from create to outcome %s ms (processing delay 200 ms)",
              qlonglong(ids.size()), old, killedAt, now, qPrintable(longestWait(ids)));
        checkNoRestart();
        QTRY_COMPARE_WITH_TIMEOUT(c.get("/health").json().value("redis").toString(),
                                  QString("connected"), 15000);
    }

    void masterFrozenTwentySeconds()
    {
        test::HttpClient c(m_server.baseUrl());
        const int old = m_redis->master();
        QVERIFY(old >= 0);
        const pid_t pid = pid_t(m_redis->pid(old));
        QCOMPARE(::kill(pid, SIGSTOP), 0);
        auto thaw = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
        QStringList early; // created in the first 8 s of the freeze
        QStringList late;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 19000) {
            (clock.elapsed() < 8000 ? early : late) << createPayment(c);
            QVERIFY2(!(early + late).last().startsWith("failed"),
                     qPrintable((early + late).last()));
            QTest::qWait(60); // paces the creates through the freeze: the pace is the load
        }
        // Still frozen: the clients left it, so what was created well before now is done.
        const QString list = "'" + early.join("','") + "'";
        const QString pendingEarly =
            one("SELECT count(*) FROM payments WHERE status = 'pending' AND id IN (" + list + ")");
        const auto health = c.get("/health").json();
        QVERIFY(clock.elapsed() < 20500);
        thaw.dismiss();
        QCOMPARE(::kill(pid, SIGCONT), 0);
        QCOMPARE(pendingEarly, QString("0"));
        QCOMPARE(health.value("redis").toString(), QString("connected"));
        QVERIFY(m_redis->waitForMasterOtherThan(old, 30000) >= 0);
        checkEachDoneOnce(early + late);
        qInfo("%lld payments during a 20 s freeze; the longest wait from create to outcome: %s "
              "ms for those of the first 8 s, %s ms for all (processing delay 200 ms)",
              qlonglong(early.size() + late.size()), qPrintable(longestWait(early)),
              qPrintable(longestWait(early + late)));
        checkNoRestart();
    }

    void healthSaysNoMaster()
    {
        QMap<QString, QString> env = m_redis->environment();
        env.insert("REDIS_MASTER_NAME", "nobody");
        auto server = m_stack.startServer(env);
        QVERIFY2(server.port, qPrintable(server.process->output()));
        const auto h = test::HttpClient(server.baseUrl()).get("/health");
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json().value("status").toString(), QString("degraded"));
        QCOMPARE(h.json().value("redis").toString(), QString("no master"));
        QCOMPARE(h.json().value("rate_limiter").toString(), QString("failing_open"));
        const QString reason = h.json().value("reasons").toArray().first().toString();
        QVERIFY2(reason.contains("no Redis master known") &&
                     reason.contains("knows no master named nobody"),
                 qPrintable(reason));
        // Creates still answer (the outbox keeps the jobs) and rate limits fail open.
        test::HttpClient c(server.baseUrl());
        QVERIFY(!createPayment(c).startsWith("failed"));
        server.process->terminate();
    }

    void cleanupTestCase()
    {
        if (m_worker.process)
            m_worker.process->terminate();
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestRedisSentinel)
#include "tst_redissentinel.moc"
