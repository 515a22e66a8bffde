// Webhook delivery under slow and hanging receivers, one real worker against loopback receivers
// (issue 11): a receiver that answers in 1 s under a burst gets every event with no false
// time-out; a hanging endpoint next to a healthy one, on separate ports and on the same
// host:port, leaves the healthy one's p99 latency under 1 s while the hanging one's attempts keep
// the retry schedule (test intervals 5, 10, 15, 20 s) within 2 s.
#include "support/eventually.h"
#include "support/jobfixtures.h"
#include "support/teststack.h"
#include "support/webhookreceiver.h"

#include <QTest>
#include <algorithm>

using namespace gw;

namespace {
constexpr int kHang = 600'000; // longer than any test: the receiver never answers
}

class TestWebhookIsolation : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_worker;
    std::unique_ptr<test::JobFixtures> m_fx;
    test::WebhookReceiver m_hanging, m_healthy, m_shared, m_slow;
    QHash<QByteArray, qint64> m_createdAt; // event id → when the test made it (ms)

    QString merchant(int n, const QString &url)
    {
        const QString id = QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QChar(u'0'));
        m_stack.sql(
            QStringLiteral("INSERT INTO merchants (id, name, email, api_key, api_secret,"
                           " webhook_url, webhook_secret) VALUES ('%1', 'm%2', 'm%2@example.com',"
                           " 'key_m%2', '%4', '%3', 'whsec_m%2')")
                .arg(id)
                .arg(n)
                .arg(url, m_stack.secretHash(QStringLiteral("secret_m%1").arg(n))));
        return id;
    }

    // An event for `merchantId`, made and pushed the way the API makes events.
    void event(const QString &merchantId)
    {
        std::optional<JobRef> job;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        store::inTransaction<Ok>(m_fx->db(), [&]() -> OkOrError {
            auto j = store::Outbox(m_fx->db()).addEvent(merchantId, EventType::WebhookTest, {});
            if (!j)
                return j.error();
            job = j.value();
            return Ok{};
        });
        QVERIFY(job);
        m_createdAt.insert(
            m_fx->scalar(QStringLiteral("SELECT event_id FROM webhook_logs WHERE id = ?::uuid"),
                         {job->subjectId})
                .toUtf8(),
            now);
        QVERIFY(m_fx->push({*job}));
    }

    QString count(const QString &merchantId, const QString &where)
    {
        return m_fx->scalar(
            QStringLiteral("SELECT count(*) FROM webhook_logs WHERE merchant_id = ?::uuid AND ") +
                where,
            {merchantId});
    }

    // Delivery latency (arrival at the receiver minus creation) at the 99th percentile.
    qint64 p99(const test::WebhookReceiver &r, const QString &path)
    {
        QList<qint64> ms;
        for (const auto &req : r.requests)
            if (req.path == path.toUtf8())
                ms << req.atMs - m_createdAt.value(req.headers.value("webhook-id"));
        std::sort(ms.begin(), ms.end());
        return ms.isEmpty() ? -1 : ms.at(qsizetype(0.99 * double(ms.size() - 1)));
    }

    // Every retry of the merchant's logs: how far its start is from when the schedule put it
    // (the previous attempt's end plus the gap), in ms. A start is the attempt's record time
    // minus its duration.
    QList<qint64> scheduleErrors(const QString &merchantId)
    {
        const QStringList rows = m_stack.sql(
            QStringLiteral(
                "SELECT round(extract(epoch FROM (a.attempted_at - make_interval(secs => "
                "a.duration_ms / 1000.0))"
                " - (p.attempted_at + make_interval(secs => 5 * p.attempt_number))) * 1000)"
                " FROM webhook_attempts a JOIN webhook_attempts p ON p.log_id = a.log_id"
                "  AND p.attempt_number = a.attempt_number - 1 JOIN webhook_logs l ON l.id = "
                "a.log_id"
                " WHERE l.merchant_id = '%1'")
                .arg(merchantId));
        QList<qint64> errors;
        for (const QString &r : rows)
            errors << r.toLongLong();
        return errors;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_fx = std::make_unique<test::JobFixtures>(m_stack);
        for (auto *r : {&m_hanging, &m_healthy, &m_shared, &m_slow})
            QVERIFY(r->listen());
        m_hanging.decide = [](const test::ReceivedRequest &, int) {
            return test::ReceiverReply{200, kHang, {}};
        };
        m_shared.decide = [](const test::ReceivedRequest &r, int) {
            return test::ReceiverReply{200, r.path == "/hang" ? kHang : 0, {}};
        };
        m_slow.decide = [](const test::ReceivedRequest &, int) {
            return test::ReceiverReply{200, 1000, {}};
        };
        m_worker = m_stack.startWorker(
            {{QStringLiteral("WEBHOOK_BREAKER_COOLDOWN_MS"), QStringLiteral("3000")}});
        QVERIFY2(m_worker.process->isRunning(), qPrintable(m_worker.process->output()));
    }

    void slowReceiverUnderBurstHasNoFalseTimeouts()
    {
        // 100 events at 20/s to a receiver that takes 1 s each: they wait for a connection, and
        // the wait is no part of the 5 s deadline.
        const QString slow = merchant(1, m_slow.url());
        for (int i = 0; i < 100; ++i) {
            event(slow);
            QTest::qWait(50); // 20 events a second: the burst's rate is the test
        }
        QTRY_COMPARE_WITH_TIMEOUT(count(slow, QStringLiteral("status = 'success'")),
                                  QStringLiteral("100"), 60000);
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM webhook_attempts a JOIN "
                                             "webhook_logs l ON l.id = a.log_id"
                                             " WHERE l.merchant_id = ?::uuid"),
                              {slow}),
                 QStringLiteral("100"));
        QCOMPARE(m_slow.requests.size(), 100);
    }

    void hangingEndpointDelaysNobody()
    {
        // Separate ports (A1 hangs, B1 healthy) and one host:port (A2 on /hang, B2 on /ok), all at
        // once, 5 events/s each for 20 s.
        const QString a1 = merchant(2, m_hanging.url(QStringLiteral("/hang")));
        const QString b1 = merchant(3, m_healthy.url(QStringLiteral("/ok")));
        const QString a2 = merchant(4, m_shared.url(QStringLiteral("/hang")));
        const QString b2 = merchant(5, m_shared.url(QStringLiteral("/ok")));
        QElapsedTimer clock;
        clock.start();
        int rounds = 0;
        for (; clock.elapsed() < 20000 && rounds < 100; ++rounds) {
            for (const QString &m : {a1, b1, a2, b2})
                event(m);
            // Five rounds a second: the pace is the load under test.
            QTest::qWait(int(qMax<qint64>(0, (rounds + 1) * 200 - clock.elapsed())));
        }
        QTRY_COMPARE_WITH_TIMEOUT(count(b1, QStringLiteral("status = 'success'")),
                                  QString::number(rounds), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(count(b2, QStringLiteral("status = 'success'")),
                                  QString::number(rounds), 10000);
        const qint64 separate = p99(m_healthy, QStringLiteral("/ok"));
        const qint64 shared = p99(m_shared, QStringLiteral("/ok"));
        qInfo() << "healthy p99 (ms): separate ports" << separate << "same host:port" << shared;
        QVERIFY2(separate >= 0 && separate < 1000,
                 "healthy endpoint p99 under 1 s (separate ports)");
        QVERIFY2(shared >= 0 && shared < 1000, "healthy endpoint p99 under 1 s (same host:port)");
        QCOMPARE(count(b1, QStringLiteral("attempts <> 1")), QStringLiteral("0"));
        QCOMPARE(count(b2, QStringLiteral("attempts <> 1")), QStringLiteral("0"));

        // Until the hanging endpoints' logs have reached their later attempts (most retried at
        // least twice), then check every retry against the schedule.
        for (const QString &a : {a1, a2})
            QVERIFY2(test::eventually([&] { return scheduleErrors(a).size() >= 150; }, 30000),
                     "most hanging logs retried at least twice");
        for (const QString &a : {a1, a2}) {
            const QList<qint64> errors = scheduleErrors(a);
            const auto [lo, hi] = std::minmax_element(errors.begin(), errors.end());
            qInfo() << "hanging endpoint: retries" << errors.size() << "off schedule by (ms)"
                    << (errors.isEmpty() ? 0 : *lo) << "to" << (errors.isEmpty() ? 0 : *hi);
            QVERIFY2(errors.size() >= 150, "most hanging logs retried at least twice");
            QVERIFY2(*lo >= -2000 && *hi <= 2000, "retries within 2 s of the schedule");
        }
    }

    void cleanupTestCase()
    {
        if (m_worker.process)
            m_worker.process->terminate();
        m_fx.reset();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestWebhookIsolation)
#include "tst_webhookisolation.moc"
