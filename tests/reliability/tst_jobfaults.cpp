// Jobs survive faults: a worker killed with SIGKILL while it holds jobs has them finished by
// another worker exactly once; payments created through the API while Redis is down (201) all
// reach a final state once Redis is back; two workers side by side, fed duplicate queue entries,
// never apply one state change twice nor send one event twice; jobs whose push was lost (never
// made, or made while Redis was frozen, or lost with Redis's data) run within seconds, and jobs
// waiting in Redis are not appended twice; so are webhook deliveries, from their logs. A job
// whose entry Redis lost while it still recorded the job runs again, a settlement never removes
// another job's entry (one batch's settlements at once, too), and a Redis an older version wrote
// keeps working.
#include "queue/jobstream.h"
#include "support/httpclient.h"
#include "support/jobfixtures.h"
#include "support/teststack.h"
#include "support/webhookreceiver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSet>
#include <QTest>
#include <csignal>

using namespace gw;

class TestJobFaults : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    std::unique_ptr<test::JobFixtures> m_fx;

    // Short timeouts so that reclaim and sweep happen within seconds.
    QMap<QString, QString> fastEnv(const QString &delayMs) const
    {
        return {{QStringLiteral("TEST_PROCESSING_DELAY"), delayMs},
                {QStringLiteral("WORKER_VISIBILITY_TIMEOUT_MS"), QStringLiteral("3000")},
                {QStringLiteral("WORKER_SWEEP_AFTER_S"), QStringLiteral("2")},
                {QStringLiteral("WORKER_SWEEP_INTERVAL_MS"), QStringLiteral("500")}};
    }

    QString count(const QString &sql) { return m_fx->scalar(sql); }

    // How many entries the job stream ever had appended (-1 when Redis does not say).
    qint64 entriesAdded()
    {
        auto info = m_fx->redis().command({"XINFO", "STREAM", "gw:jobs"});
        const QVariantList fields = info ? info->toList() : QVariantList();
        const qsizetype at = fields.indexOf(QVariant(QByteArray("entries-added")));
        return at >= 0 ? fields.value(at + 1).toLongLong() : -1;
    }

    // Well below the overdue sweep's 30 s, well above the pickup sweep's 2 s.
    static constexpr int kPickupBoundMs = 12000;

    // Fails the test unless n payments succeeded within kPickupBoundMs.
    void waitForSuccesses(int n)
    {
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'success'")),
            QString::number(n), kPickupBoundMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_fx = std::make_unique<test::JobFixtures>(m_stack);
    }

    void init() { QCOMPARE(m_stack.resetData(), QString()); }

    void killedWorkersJobsFinishExactlyOnce()
    {
        constexpr int n = 300;
        auto first = m_stack.startWorker(fastEnv(QStringLiteral("2500")));
        QVERIFY2(first.process->isRunning(), qPrintable(first.process->output()));
        QList<JobRef> jobs;
        for (int i = 0; i < n; ++i)
            jobs << m_fx->payment(i % 3 ? QStringLiteral("upi") : QStringLiteral("card"), false)
                        .second;
        QVERIFY(m_fx->push(jobs));
        // The first worker holds every job (waiting out its processing delay) when it dies.
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing, n, 10000);
        first.process->kill9();
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'pending'")),
                 QString::number(n));
        auto second = m_stack.startWorker(fastEnv(QStringLiteral("200")));
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'success'")),
            QString::number(n), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 10000);
        // Exactly once: one success event per payment, one completion each, no job left.
        QCOMPARE(count(QStringLiteral(
                     "SELECT count(*) FROM webhook_logs WHERE event = 'payment.success'")),
                 QString::number(n));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM webhook_logs GROUP BY "
                                      "payload::jsonb->'data'->'payment'->>'id'"
                                      " HAVING count(*) > 1) d")),
                 QStringLiteral("0"));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'queued'")),
                 QStringLiteral("0"));
        QCOMPARE(m_fx->counts().completed, n);
        second.process->terminate();
        QVERIFY2(second.process->output().contains(QStringLiteral("reclaimed")),
                 qPrintable(second.process->output()));
    }

    void redisDownPaymentsCreatedThenAllFinish()
    {
        auto server = m_stack.startServer();
        QVERIFY2(server.port, qPrintable(server.process->output()));
        auto worker = m_stack.startWorker(fastEnv(QStringLiteral("200")));
        test::HttpClient api(server.baseUrl());
        QVERIFY(m_stack.stopRedis());
        QStringList ids;
        for (int i = 0; i < 20; ++i) {
            const auto order =
                api.post(QStringLiteral("/api/v1/orders"), {{QStringLiteral("amount"), 10000 + i}});
            QVERIFY2(order.status == 201, order.body.constData());
            const auto p =
                api.post(QStringLiteral("/api/v1/payments"),
                         {{QStringLiteral("order_id"), order.json().value(QStringLiteral("id"))},
                          {QStringLiteral("method"), QStringLiteral("upi")},
                          {QStringLiteral("vpa"), QStringLiteral("shopper@okbank")}});
            QVERIFY2(p.status == 201, p.body.constData());
            QCOMPARE(p.json().value(QStringLiteral("status")).toString(),
                     QStringLiteral("pending"));
            ids << p.json().value(QStringLiteral("id")).toString();
        }
        QTest::qWait(1000); // a second in which nothing may be processed: Redis is gone
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'pending'")),
                 QStringLiteral("20"));
        QVERIFY(m_stack.startRedis()); // empty: whatever was in Redis is gone too
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'success'")),
            QStringLiteral("20"), 30000);
        for (const QString &id : ids) {
            const auto p = api.get(QStringLiteral("/api/v1/payments/%1").arg(id));
            QCOMPARE(p.json().value(QStringLiteral("status")).toString(),
                     QStringLiteral("success"));
        }
        QCOMPARE(count(QStringLiteral(
                     "SELECT count(*) FROM webhook_logs WHERE event = 'payment.success'")),
                 QStringLiteral("20"));
        QVERIFY(worker.process->isRunning());
        worker.process->terminate();
        server.process->terminate();
    }

    void twoWorkersNeverApplyOneChangeTwice()
    {
        test::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        m_fx->setWebhookUrl(receiver.url());
        auto a = m_stack.startWorker(fastEnv(QStringLiteral("300")));
        auto b = m_stack.startWorker(fastEnv(QStringLiteral("300")));
        constexpr int n = 200;
        QList<JobRef> jobs;
        for (int i = 0; i < n; ++i)
            jobs << m_fx->payment(QStringLiteral("card"), false).second;
        QVERIFY(m_fx->push(jobs));
        // Every job a second time, as duplicate stream entries (what at-least-once may deliver).
        for (const JobRef &j : std::as_const(jobs))
            m_fx->redis().command({"XADD", "gw:jobs", "*", "id", j.id.toUtf8(), "kind", "payment",
                                   "subject", j.subjectId.toUtf8()});
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'success'")),
            QString::number(n), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT count(*) FROM webhook_logs WHERE status = 'success'")),
            QString::number(n), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 10000);
        QTest::qWait(1500); // anything doubled would arrive now
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM webhook_logs")), QString::number(n));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM webhook_attempts")),
                 QString::number(n));
        QCOMPARE(m_fx->counts().completed, 2 * n); // n payments + n webhook deliveries
        QSet<QByteArray> events;
        for (const auto &r : std::as_const(receiver.requests))
            events.insert(r.headers.value("webhook-id"));
        QCOMPARE(receiver.requests.size(), n);
        QCOMPARE(events.size(), n);
        // Both workers took part.
        QVERIFY(a.process->isRunning() && b.process->isRunning());
        a.process->terminate();
        b.process->terminate();
    }

    // Jobs whose push never happened run within seconds of their commit on the default
    // settings (the pickup sweep), not after the overdue sweep's ~30 s. The bound is far above
    // the 2 s pickup delay and far below 30 s: a check of the mechanism, not of speed.
    void missedJobsRunWithinSecondsOfCommit()
    {
        auto worker =
            m_stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("200")}});
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 20; ++i)
            m_fx->payment(QStringLiteral("upi"), false); // the API died after COMMIT
        waitForSuccesses(20);
        if (QTest::currentTestFailed())
            return;
        qInfo("20 payments never pushed: all done %lld ms after the first commit", clock.elapsed());
        worker.process->terminate();
    }

    // Redis frozen (SIGSTOP) while payments commit and their pushes are lost: every one of them
    // completes within seconds of Redis resuming, so the outage delays them by little more than
    // its own length.
    void missedJobsRunWithinSecondsOfRedisResuming()
    {
        auto worker =
            m_stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("200")}});
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        const qint64 redis = m_stack.redisPid();
        QVERIFY(redis > 0);
        QCOMPARE(::kill(pid_t(redis), SIGSTOP), 0);
        auto resume = qScopeGuard([redis] { ::kill(pid_t(redis), SIGCONT); });
        for (int i = 0; i < 20; ++i)
            m_fx->payment(QStringLiteral("card"), false);
        QTest::qWait(4000); // frozen for longer than the pickup delay
        resume.dismiss();
        QCOMPARE(::kill(pid_t(redis), SIGCONT), 0);
        QElapsedTimer clock;
        clock.start();
        waitForSuccesses(20);
        if (QTest::currentTestFailed())
            return;
        qInfo("20 payments committed while Redis was frozen: all done %lld ms after it resumed",
              clock.elapsed());
        worker.process->terminate();
    }

    // Redis restarted without its data while jobs waited in its stream (one worker taking one at
    // a time): the worker makes the stream again and hands every committed job to it, so they
    // run within seconds of the restart instead of after the overdue sweep's ~30 s.
    void jobsRedisLostRunWithinSecondsOfItsRestart()
    {
        auto worker =
            m_stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("300")},
                                 {QStringLiteral("WORKER_MAX_IN_FLIGHT"), QStringLiteral("1")}});
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        for (int i = 0; i < 20; ++i)
            m_fx->payment(QStringLiteral("upi"));
        QTest::qWait(3000); // the waiting jobs are older than the pickup delay: swept once already
        const QString done =
            count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'success'"));
        QVERIFY2(done.toInt() < 15, qPrintable(done));
        QVERIFY(m_stack.stopRedis());
        QVERIFY(m_stack.startRedis()); // empty: the stream and what waited in it are gone
        QElapsedTimer clock;
        clock.start();
        waitForSuccesses(20);
        if (QTest::currentTestFailed())
            return;
        qInfo("%d payments lost with Redis's data: all done %lld ms after its restart",
              20 - done.toInt(), clock.elapsed());
        worker.process->terminate();
        QVERIFY2(worker.process->output().contains(QStringLiteral("stream was gone")),
                 qPrintable(worker.process->output()));
    }

    // A delivery has no jobs row: its log, pending and due, is its durable record (migration
    // 072). Events whose push never happened, and deliveries lost with Redis's data while they
    // waited in its stream (one worker sending one at a time), are sent within seconds from
    // their logs (the pickup sweep reads webhook_logs_due), each event at least once.
    void deliveriesRedisNeverGotOrLostAreSent()
    {
        test::WebhookReceiver receiver;
        receiver.decide = [](const test::ReceivedRequest &, int) {
            return test::ReceiverReply{200, 150, {}};
        };
        QVERIFY(receiver.listen());
        m_fx->setWebhookUrl(receiver.url());
        auto worker =
            m_stack.startWorker({{QStringLiteral("WORKER_MAX_IN_FLIGHT"), QStringLiteral("1")}});
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        constexpr int n = 30;
        for (int i = 0; i < n; ++i) // every third: the API died after COMMIT
            m_fx->event(EventType::WebhookTest, {{QStringLiteral("n"), i}}, i % 3 != 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM jobs")), QStringLiteral("0"));
        QTest::qWait(1500);
        const qsizetype sent = receiver.requests.size();
        QVERIFY2(sent < n / 2, qPrintable(QString::number(sent)));
        QVERIFY(m_stack.stopRedis());
        QVERIFY(m_stack.startRedis()); // empty: the entries that waited in the stream are gone
        QElapsedTimer clock;
        clock.start();
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT count(*) FROM webhook_logs WHERE status = 'success'")),
            QString::number(n), kPickupBoundMs);
        qInfo("%lld deliveries lost with Redis's data or never pushed: all sent %lld ms after "
              "its restart",
              qsizetype(n) - sent, clock.elapsed());
        QSet<QByteArray> events;
        for (const auto &r : std::as_const(receiver.requests))
            events.insert(r.headers.value("webhook-id"));
        QCOMPARE(events.size(), n);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM webhook_attempts")),
                 QString::number(n));
        worker.process->terminate();
    }

    // A job that is in Redis but waits there longer than the pickup delay (one worker holding
    // at most 5 entries, 300 ms each) is not appended a second time, and runs once.
    void waitingJobsAreNotPushedTwice()
    {
        constexpr int n = 30;
        QList<JobRef> jobs;
        for (int i = 0; i < n; ++i)
            jobs << m_fx->payment(QStringLiteral("upi"), false).second;
        QVERIFY(m_fx->push(jobs));
        auto worker =
            m_stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("300")},
                                 {QStringLiteral("WORKER_MAX_IN_FLIGHT"), QStringLiteral("5")}});
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'success'")),
            QString::number(n), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 5000);
        QCOMPARE(entriesAdded(), n);
        QCOMPARE(m_fx->counts().completed, n);
        worker.process->terminate();
    }

    // Issue 26: a job whose entry Redis lost while still recording the job (a failover on top
    // of a failover may leave any mix of a script's effects). One payment's stream entry is
    // deleted, another's member of the delayed set (due in an hour) too; what Redis records of
    // them stays. The pickup sweep offers both, the push finds their places empty and appends
    // each once: both run within seconds, and nothing else is appended.
    void jobsWhoseEntryRedisLostRunAgain()
    {
        const JobRef waiting = m_fx->payment(QStringLiteral("upi")).second;
        const JobRef delayed = m_fx->payment(QStringLiteral("upi"), false).second;
        queue::JobStream stream(m_fx->redis(), "test");
        QVERIFY(stream
                    .settle({queue::Settlement{{},
                                               delayed,
                                               queue::Settlement::Action::Delay,
                                               QDateTime::currentMSecsSinceEpoch() + 3600'000,
                                               {},
                                               {}}})
                    .ok());
        const auto entries = m_fx->redis().command({"XRANGE", "gw:jobs", "-", "+"});
        QVERIFY(entries);
        const QList<queue::QueuedJob> parsed = queue::parseEntries(entries->toList());
        QCOMPARE(parsed.size(), 1);
        QCOMPARE(parsed.first().job.id, waiting.id);
        QCOMPARE(m_fx->redis().command({"XDEL", "gw:jobs", parsed.first().entryId})->toLongLong(),
                 1);
        const auto members = m_fx->redis().command({"ZRANGE", "gw:jobs:delayed", "0", "-1"});
        QVERIFY(members);
        QCOMPARE(members->toList().size(), 1);
        QCOMPARE(m_fx->redis()
                     .command({"ZREM", "gw:jobs:delayed", members->toList().first().toByteArray()})
                     ->toLongLong(),
                 1);
        auto worker =
            m_stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("200")}});
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        waitForSuccesses(2);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(entriesAdded(), 3); // the first push, then one append for each lost entry
        worker.process->terminate();
    }

    // In a Sentinel failover the old master stays a master until a Sentinel converts it (8 s
    // after the switch at the earliest): clients still connected to it write there while others
    // write to the new one, so two masters may each make an entry with the same id in one
    // millisecond. A worker that read one job's entry from the one and settles with the other
    // must not acknowledge or delete the other job's entry there (that job would be lost). Only
    // the settlement of the job an entry names removes it.
    void aSettlementLeavesAnotherJobsEntry()
    {
        const JobRef other = m_fx->payment(QStringLiteral("upi")).second;
        const JobRef mine = m_fx->payment(QStringLiteral("upi"), false).second;
        queue::JobStream theirs(m_fx->redis(), "w2"), ours(m_fx->redis(), "w1");
        QVERIFY(theirs.ensureGroup().ok());
        const auto read = theirs.read(10, 0);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 1);
        const QByteArray entry = read->first().entryId;
        QCOMPARE(read->first().job.id, other.id);
        const auto finished = [&](const JobRef &job) {
            return queue::Settlement{entry, job, queue::Settlement::Action::Finish, 0, {}, {}};
        };
        QVERIFY(ours.settle({finished(mine)}).ok());
        const auto still = m_fx->redis().command({"XRANGE", "gw:jobs", entry, entry});
        QVERIFY(still);
        const QList<queue::QueuedJob> kept = queue::parseEntries(still->toList());
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().job.id, other.id);
        QCOMPARE(m_fx->counts().processing, 1); // still pending for w2
        QVERIFY(theirs.settle({finished(other)}).ok());
        QCOMPARE(m_fx->redis().command({"XLEN", "gw:jobs"})->toLongLong(), 0);
        QCOMPARE(m_fx->counts().processing, 0);
    }

    // A push and a settlement each handle their batch in one script: a job twice in one push is
    // appended once; one settlement batch finishes one job (its place forgotten), puts another
    // off (its place now its delayed member) and drops a duplicate entry, each entry named by
    // its job removed, and another job's entry, named by no settlement of its own, kept.
    void batchesSettleEachJobOnce()
    {
        const JobRef done = m_fx->payment(QStringLiteral("upi"), false).second;
        const JobRef later = m_fx->payment(QStringLiteral("upi"), false).second;
        const JobRef other = m_fx->payment(QStringLiteral("upi"), false).second;
        QVERIFY(m_fx->push({done, later, done, later}));
        QCOMPARE(entriesAdded(), 2);
        auto &redis = m_fx->redis();
        QVERIFY(redis.command({"XADD", "gw:jobs", "*", "id", done.id.toUtf8(), "kind", "payment",
                               "subject", done.subjectId.toUtf8()}));
        QVERIFY(redis.command({"XADD", "gw:jobs", "*", "id", other.id.toUtf8(), "kind", "payment",
                               "subject", other.subjectId.toUtf8()}));
        queue::JobStream stream(redis, "w1");
        QVERIFY(stream.ensureGroup().ok());
        const auto read = stream.read(10, 0);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), 4);
        using Action = queue::Settlement::Action;
        const qint64 due = QDateTime::currentMSecsSinceEpoch() + 3600'000;
        const QList<queue::Settlement> batch{
            {read->at(0).entryId, done, Action::Finish, 0, {}, "completed"},
            {read->at(1).entryId, later, Action::Delay, due, {}, {}},
            {read->at(2).entryId, done, Action::Drop, 0, {}, {}},
            {read->at(3).entryId, done, Action::Drop, 0, {}, {}}, // names `other`
        };
        QVERIFY(stream.settle(batch).ok());
        const auto left = redis.command({"XRANGE", "gw:jobs", "-", "+"});
        QVERIFY(left);
        const QList<queue::QueuedJob> kept = queue::parseEntries(left->toList());
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().job.id, other.id);
        QCOMPARE(m_fx->counts().processing, 1); // other's entry, still held
        QCOMPARE(m_fx->counts().delayed, 1);
        QCOMPARE(m_fx->counts().completed, 1);
        QCOMPARE(redis.command({"HEXISTS", "gw:jobs:where", done.id.toUtf8()})->toLongLong(), 0);
        QCOMPARE(redis.command({"HGET", "gw:jobs:where", later.id.toUtf8()})->toByteArray(),
                 later.id.toUtf8() + "|payment|" + later.subjectId.toUtf8());
    }

    // A Redis written by an older version keeps the set gw:jobs:known (ids, no places). The
    // worker records where its jobs are before it pushes anything: a payment held by a dead
    // worker's entry and one in the delayed set are not appended again, while one whose id the
    // old set kept without any entry (the bug of issue 26) is; the old set is gone after.
    void anOlderVersionsKnownSetIsAdopted()
    {
        const JobRef held = m_fx->payment(QStringLiteral("upi"), false).second;
        const JobRef delayed = m_fx->payment(QStringLiteral("upi"), false).second;
        const JobRef lost = m_fx->payment(QStringLiteral("upi"), false).second;
        auto &redis = m_fx->redis();
        QVERIFY(redis.command({"XGROUP", "CREATE", "gw:jobs", "workers", "0", "MKSTREAM"}));
        QVERIFY(redis.command({"XADD", "gw:jobs", "*", "id", held.id.toUtf8(), "kind", "payment",
                               "subject", held.subjectId.toUtf8()}));
        // Read by a worker that died: pending for the visibility time-out (30 s by default).
        QVERIFY(redis.command(
            {"XREADGROUP", "GROUP", "workers", "gone", "COUNT", "1", "STREAMS", "gw:jobs", ">"}));
        const QByteArray member = delayed.id.toUtf8() + "|payment|" + delayed.subjectId.toUtf8();
        const QByteArray later = QByteArray::number(QDateTime::currentMSecsSinceEpoch() + 3600'000);
        QVERIFY(redis.command({"ZADD", "gw:jobs:delayed", later, member}));
        QVERIFY(redis.command(
            {"SADD", "gw:jobs:known", held.id.toUtf8(), delayed.id.toUtf8(), lost.id.toUtf8()}));
        auto worker =
            m_stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("200")}});
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        waitForSuccesses(1);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT status FROM payments WHERE id = ?"),
                              {lost.subjectId}),
                 QStringLiteral("success"));
        QTest::qWait(1500); // the pickup sweep offered all three together; an append shows now
        QCOMPARE(entriesAdded(), 2); // the held entry, and the lost job's
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM payments WHERE status = 'pending'")),
                 QStringLiteral("2"));
        QCOMPARE(redis.command({"EXISTS", "gw:jobs:known"})->toLongLong(), 0);
        QCOMPARE(redis.command({"HGET", "gw:jobs:where", delayed.id.toUtf8()})->toByteArray(),
                 member);
        worker.process->terminate();
    }

    void cleanupTestCase()
    {
        m_fx.reset();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestJobFaults)
#include "tst_jobfaults.moc"
