// Redis frozen (SIGSTOP to the suite's own redis-server, by its PID): the API keeps answering
// creates with 201 without waiting on Redis, /health answers at once with `degraded` and the
// reason, and once Redis resumes (SIGCONT) every payment created meanwhile is completed by the
// worker. The latency bound is 100 ms, or three times the same run's p99 with Redis up when the
// shared machine is slower than that: waiting on Redis (a 2 s client time-out per call) is far
// beyond either.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>
#include <algorithm>
#include <csignal>

using namespace gw;

namespace {
qint64 percentile(QList<qint64> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = qsizetype(std::ceil(p / 100.0 * double(v.size()))) - 1;
    return v.at(std::clamp<qsizetype>(i, 0, v.size() - 1));
}
} // namespace

class TestRedisFreeze : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;
    test::RunningService m_worker;
    QStringList m_orders;

    QString one(const QString &sql) { return m_stack.sql(sql).value(0); }

    // Creates one payment; its latency in ms, or -1 unless 201.
    qint64 createPayment(test::HttpClient &c)
    {
        QElapsedTimer t;
        t.start();
        const auto r =
            c.post("/api/v1/payments",
                   {{"order_id", m_orders.takeFirst()}, {"method", "upi"}, {"vpa", "a@b"}});
        return r.status == 201 ? t.elapsed() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.startWithServer(m_server), QString());
        m_worker = m_stack.startWorker();
        QVERIFY2(m_worker.process->isRunning(), qPrintable(m_worker.process->output()));
        // A webhook URL, so that every create also queues webhook jobs.
        test::HttpClient c(m_server.baseUrl());
        QCOMPARE(c.put("/api/v1/webhooks/config", {{"url", "http://127.0.0.1:9/hook"}}).status,
                 200);
        for (int i = 0; i < 260; ++i)
            m_orders << c.post("/api/v1/orders", {{"amount", 10000}}).json().value("id").toString();
        QVERIFY(!m_orders.contains(QString()));
    }

    void createsDoNotWaitOnAFrozenRedis()
    {
        test::HttpClient c(m_server.baseUrl());
        QList<qint64> up;
        for (int i = 0; i < 40; ++i) {
            up << createPayment(c);
            QTest::qWait(20); // paced: the creates are spread over the time measured
        }
        QVERIFY(!up.contains(-1));
        const qint64 bound = std::max<qint64>(100, 3 * percentile(up, 99));

        const qint64 redis = m_stack.redisPid();
        QVERIFY(redis > 0);
        QCOMPARE(::kill(pid_t(redis), SIGSTOP), 0);
        auto resume = qScopeGuard([redis] { ::kill(pid_t(redis), SIGCONT); });

        // ~6 s frozen at ~30 creates/s, /health asked every 20th.
        QList<qint64> frozen;
        QList<qint64> health;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 6000 && m_orders.size() > 10) {
            frozen << createPayment(c);
            if (frozen.size() % 20 == 0) {
                QElapsedTimer t;
                t.start();
                const auto h = c.get("/health");
                health << t.elapsed();
                QCOMPARE(h.status, 200);
                QCOMPARE(h.json().value("status").toString(), QString("degraded"));
                QCOMPARE(h.json().value("redis").toString(), QString("disconnected"));
                QVERIFY2(h.json().value("reasons").toArray().first().toString().contains("Redis"),
                         h.body.constData());
            }
            QTest::qWait(30); // paced through the freeze: the time is the test
        }
        resume.dismiss();
        QCOMPARE(::kill(pid_t(redis), SIGCONT), 0);

        qInfo("creates: p99 %lld ms with Redis up, %lld ms frozen (%lld creates); /health max %lld "
              "ms; bound %lld ms",
              percentile(up, 99), percentile(frozen, 99), qlonglong(frozen.size()),
              percentile(health, 100), bound);
        QVERIFY2(!frozen.contains(-1), "a create did not answer 201 while Redis was frozen");
        QVERIFY(frozen.size() >= 50);
        QVERIFY(!health.isEmpty());
        QVERIFY2(percentile(frozen, 99) < bound, "creates waited on Redis");
        QVERIFY2(percentile(health, 100) < bound, "/health waited on Redis");

        // Every payment made while Redis was frozen is completed once it is back.
        QTRY_COMPARE_WITH_TIMEOUT(one("SELECT count(*) FROM payments WHERE status = 'pending'"),
                                  QString("0"), 60000);
        QCOMPARE(one("SELECT count(*) FROM payments"), QString::number(up.size() + frozen.size()));
        QTRY_COMPARE_WITH_TIMEOUT(
            test::HttpClient(m_server.baseUrl()).get("/health").json().value("redis").toString(),
            QString("connected"), 15000);
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

QTEST_GUILESS_MAIN(TestRedisFreeze)
#include "tst_redisfreeze.moc"
