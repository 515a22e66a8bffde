// The worker against the real test stack: payments and refunds reach their final state with
// their events, a job run twice changes nothing twice, committed jobs that never reached Redis
// are swept in, the queue counts add up, and among many rows the worker reads only its jobs'.
// Rows are made as the API makes them (object + job in one transaction through store::Outbox,
// then a push).
#include "core/enums.h"
#include "store/paymentstore.h"
#include "store/processingstore.h"
#include "support/eventually.h"
#include "support/jobfixtures.h"
#include "support/sqlfixture.h"
#include "support/teststack.h"
#include "support/webhookreceiver.h"

#include <QTest>

using namespace gw;

class TestWorker : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    std::unique_ptr<test::JobFixtures> m_fx;

    test::RunningService worker(const QMap<QString, QString> &env = {})
    {
        QMap<QString, QString> e{
            {QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("300")},
            {QStringLiteral("WORKER_SWEEP_AFTER_S"), QStringLiteral("1")},
            {QStringLiteral("WORKER_SWEEP_INTERVAL_MS"), QStringLiteral("500")}};
        e.insert(env);
        auto w = m_stack.startWorker(e);
        return w;
    }

    // A pending payment and its job, not pushed, whose created/pending events the API left to
    // the worker (events_pending, migration 035).
    QPair<QString, JobRef> owingPayment()
    {
        const auto p = m_fx->payment(QStringLiteral("upi"), false);
        m_fx->scalar(QStringLiteral("UPDATE payments SET events_pending = true WHERE id = ?"),
                     {p.first});
        return p;
    }

    QJsonObject paymentJson(const QString &paymentId)
    {
        auto p = store::PaymentStore(m_fx->db()).find(test::kTestMerchantId, paymentId);
        return p && p.value() ? p.value()->toJson() : QJsonObject();
    }

    // 20,000 other delivery logs: pending, due tomorrow, or delivered.
    void otherLogs(bool pending)
    {
        m_stack.sql(QStringLiteral("INSERT INTO webhook_logs (id, merchant_id, event_id, event,"
                                   " payload, status, next_retry_at) SELECT gen_random_uuid(),"
                                   " '%1', 'evt_' || lpad(g::text, 16, '0'), 'payment.created',"
                                   " '{}', %2 FROM generate_series(1, 20000) g")
                        .arg(test::kTestMerchantId,
                             pending ? QStringLiteral("'pending', now() + interval '1 day'")
                                     : QStringLiteral("'success', NULL")));
    }

    // Stops the worker and waits until its sessions ended, having reported their statistics.
    bool stopped(test::RunningService &w)
    {
        w.process->terminate();
        return !w.process->isRunning() &&
               test::eventually(
                   [&] {
                       return m_fx->scalar(
                                      QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE"
                                                     " application_name = 'gw-worker' AND "
                                                     "datname = current_database()"))
                                  .toInt() == 0;
                   },
                   10000);
    }

    QString status(const QString &paymentId)
    {
        return m_fx->scalar(QStringLiteral("SELECT status FROM payments WHERE id = ?"),
                            {paymentId});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_fx = std::make_unique<test::JobFixtures>(m_stack);
    }

    void init() { QCOMPARE(m_stack.resetData(), QString()); }

    void paymentsSucceedWithEvents()
    {
        QStringList ids;
        for (int i = 0; i < 6; ++i)
            ids << m_fx->payment(i % 2 ? QStringLiteral("card") : QStringLiteral("upi")).first;
        QElapsedTimer clock;
        clock.start();
        auto w = worker();
        QVERIFY2(w.process->isRunning(), qPrintable(w.process->output()));
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(status(id), QStringLiteral("success"), 10000);
        QVERIFY2(clock.elapsed() >= 300, "TEST_PROCESSING_DELAY is waited");
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM orders WHERE status = 'paid'")),
                 QStringLiteral("6"));
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM payments WHERE error_code IS "
                                             "NULL AND updated_at >= created_at")),
                 QStringLiteral("6"));
        QCOMPARE(m_fx->scalar(QStringLiteral(
                     "SELECT count(*) FROM webhook_logs WHERE event = 'payment.success'")),
                 QStringLiteral("6"));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fx->scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'queued'")),
            QStringLiteral("0"), 5000);
        // The event payload carries the payment as the API shows it.
        const QJsonObject payload =
            QJsonDocument::fromJson(
                m_fx
                    ->scalar(QStringLiteral(
                        "SELECT payload FROM webhook_logs WHERE event = 'payment.success' LIMIT 1"))
                    .toUtf8())
                .object();
        QVERIFY(payload.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("evt_")));
        QCOMPARE(payload.value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("payment"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("success"));
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().completed, 6, 5000);
        const auto c = m_fx->counts();
        QCOMPARE(c.pending, 0);
        QCOMPARE(c.processing, 0);
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT 1")), QStringLiteral("1"));
        auto metric = m_fx->redis().command({"HGET", "gw:metrics", "job.payment.success"});
        QVERIFY(metric);
        QCOMPARE(metric->toByteArray(), QByteArray("6"));
        w.process->terminate();
    }

    void declinedInTestModeWhenToldSo()
    {
        const QString id = m_fx->payment(QStringLiteral("card")).first;
        auto w = worker({{QStringLiteral("TEST_PAYMENT_SUCCESS"), QStringLiteral("false")}});
        QTRY_COMPARE_WITH_TIMEOUT(status(id), QStringLiteral("failed"), 10000);
        QCOMPARE(
            m_fx->scalar(
                QStringLiteral(
                    "SELECT error_code || '|' || error_description FROM payments WHERE id = ?"),
                {id}),
            QStringLiteral("PAYMENT_FAILED|Payment was declined by the bank"));
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT o.status FROM orders o JOIN payments p ON "
                                             "p.order_id = o.id WHERE p.id = ?"),
                              {id}),
                 QStringLiteral("created"));
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT string_agg(event, ',') FROM webhook_logs")),
                 QStringLiteral("payment.failed"));
        w.process->terminate();
    }

    void refundIsProcessed()
    {
        const auto [refundId, job] =
            m_fx->refund(12345, QStringLiteral("Damaged \"box\" \u2014 ok"));
        Q_UNUSED(job);
        auto w = worker();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fx->scalar(QStringLiteral("SELECT status FROM refunds WHERE id = ?"), {refundId}),
            QStringLiteral("processed"), 10000);
        QCOMPARE(m_fx->scalar(
                     QStringLiteral("SELECT processed_at IS NOT NULL FROM refunds WHERE id = ?"),
                     {refundId}),
                 QStringLiteral("true"));
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT p.amount_refunded FROM payments p JOIN "
                                             "refunds r ON r.payment_id = p.id WHERE r.id = ?"),
                              {refundId}),
                 QStringLiteral("12345"));
        const QJsonObject payload =
            QJsonDocument::fromJson(
                m_fx
                    ->scalar(QStringLiteral(
                        "SELECT payload FROM webhook_logs WHERE event = 'refund.processed'"))
                    .toUtf8())
                .object();
        const QJsonObject refund = payload.value(QStringLiteral("data"))
                                       .toObject()
                                       .value(QStringLiteral("refund"))
                                       .toObject();
        QCOMPARE(refund.value(QStringLiteral("id")).toString(), refundId);
        QCOMPARE(refund.value(QStringLiteral("status")).toString(), QStringLiteral("processed"));
        QCOMPARE(refund.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("Damaged \"box\" \u2014 ok"));
        w.process->terminate();
    }

    void jobRunTwiceChangesOnce()
    {
        const auto [paymentId, job] = m_fx->payment(QStringLiteral("upi"));
        // A second stream entry for the same job, as an at-least-once queue may deliver.
        auto dup = m_fx->redis().command({"XADD", "gw:jobs", "*", "id", job.id.toUtf8(), "kind",
                                          "payment", "subject", job.subjectId.toUtf8()});
        QVERIFY(dup);
        auto w = worker();
        QTRY_COMPARE_WITH_TIMEOUT(status(paymentId), QStringLiteral("success"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 5000);
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM webhook_logs")),
                 QStringLiteral("1"));
        QCOMPARE(m_fx->counts().completed, 1);
        // And a job for a payment that was already decided is simply done.
        m_fx->redis().command({"HDEL", "gw:jobs:where", job.id.toUtf8()});
        QVERIFY(m_fx->push({job}));
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 5000);
        QTest::qWait(500); // anything doubled would arrive now
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM webhook_logs")),
                 QStringLiteral("1"));
        w.process->terminate();
    }

    // Migration 035: a payment the API inserted with events_pending has its created and pending
    // events written by the worker, once each and before the outcome, even when its job is
    // delivered twice (two stream entries at once, and once more after it completed).
    void owedEventsWrittenOnceBeforeTheOutcome()
    {
        test::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        m_fx->setWebhookUrl(receiver.url());
        const auto [paymentId, job] = owingPayment();
        const QJsonObject pending = paymentJson(paymentId);
        QVERIFY(m_fx->push({job}));
        QVERIFY(m_fx->redis().command({"XADD", "gw:jobs", "*", "id", job.id.toUtf8(), "kind",
                                       "payment", "subject", job.subjectId.toUtf8()}));
        auto w = worker();
        QTRY_COMPARE_WITH_TIMEOUT(status(paymentId), QStringLiteral("success"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 3, 10000);
        m_fx->redis().command({"HDEL", "gw:jobs:where", job.id.toUtf8()});
        QVERIFY(m_fx->push({job}));
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 5000);
        QTest::qWait(500); // anything doubled would arrive now
        QCOMPARE(m_fx->scalar(QStringLiteral(
                     "SELECT string_agg(event, ',' ORDER BY event) FROM webhook_logs")),
                 QStringLiteral("payment.created,payment.pending,payment.success"));
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM payments WHERE events_pending")),
                 QStringLiteral("0"));
        QCOMPARE(receiver.requests.size(), 3);
        QStringList arrived;
        for (const auto &r : std::as_const(receiver.requests)) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            arrived << body.value(QStringLiteral("event")).toString();
            const QJsonObject sent = body.value(QStringLiteral("data"))
                                         .toObject()
                                         .value(QStringLiteral("payment"))
                                         .toObject();
            if (arrived.last() != QStringLiteral("payment.success"))
                QCOMPARE(sent, pending); // the payment as the API answered its create
        }
        QCOMPARE(arrived.last(), QStringLiteral("payment.success"));
        w.process->terminate();
    }

    // The completion writes what is still owed when nothing announced the payment, in the
    // order created, pending, outcome; a second completion or announcement writes nothing.
    void owedEventsWrittenByTheCompletionAtTheLatest()
    {
        m_fx->setWebhookUrl(QStringLiteral("http://127.0.0.1:9/hook"));
        const auto [paymentId, job] = owingPayment();
        const auto plain = m_fx->payment(QStringLiteral("card"), false);
        const QJsonObject pending = paymentJson(paymentId);
        store::ProcessingStore ps(m_fx->db());
        const QList<store::PaymentTask> tasks{{job.id, paymentId, 0.5},
                                              {plain.second.id, plain.first, 0.5}};
        auto r = ps.completePayments(tasks, SuccessOdds{1.0, 1.0});
        if (!r)
            QFAIL(qPrintable(r.error().description));
        QCOMPARE(r->payments.size(), 2);
        // The webhook jobs in the order they are pushed, per payment.
        QMap<QString, QStringList> events;
        for (const JobRef &j : std::as_const(r->webhookJobs)) {
            const QStringList e =
                m_fx->scalar(QStringLiteral("SELECT (payload::jsonb #>> '{data,payment,id}') || ' "
                                            "' || event FROM webhook_logs WHERE id = ?::uuid"),
                             {j.subjectId})
                    .split(QLatin1Char(' '));
            events[e.value(0)] << e.value(1);
        }
        QCOMPARE(events.value(paymentId),
                 QStringList({QStringLiteral("payment.created"), QStringLiteral("payment.pending"),
                              QStringLiteral("payment.success")}));
        QCOMPARE(events.value(plain.first), QStringList{QStringLiteral("payment.success")});
        QCOMPARE(r->webhookJobs.size(), 4);
        const QString created = m_fx->scalar(
            QStringLiteral("SELECT payload FROM webhook_logs WHERE event = 'payment.created'"));
        QCOMPARE(QJsonDocument::fromJson(created.toUtf8())
                     .object()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("payment"))
                     .toObject(),
                 pending);
        auto again = ps.completePayments(tasks, SuccessOdds{1.0, 1.0});
        QVERIFY(again && again->payments.isEmpty() && again->webhookJobs.isEmpty());
        auto announced = ps.announcePayments({paymentId, plain.first});
        QVERIFY(announced && announced->webhookJobs.isEmpty());
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM webhook_logs")),
                 QStringLiteral("4"));
        // Each log due, its delivery's durable record; no jobs row for a delivery.
        QCOMPARE(
            m_fx->scalar(QStringLiteral("SELECT count(*) FROM webhook_logs"
                                        " WHERE status = 'pending' AND next_retry_at <= now()")),
            QStringLiteral("4"));
        QCOMPARE(m_fx->scalar(QStringLiteral("SELECT count(*) FROM jobs WHERE kind = 'webhook'")),
                 QStringLiteral("0"));
    }

    void committedButNeverPushedIsSwept()
    {
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids << m_fx->payment(QStringLiteral("upi"), false).first; // the API died after COMMIT
        auto w = worker();
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(status(id), QStringLiteral("success"), 15000);
        w.process->terminate();
    }

    void sigtermStopsCleanly()
    {
        auto w = worker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("1500")}});
        const QString id = m_fx->payment(QStringLiteral("upi")).first;
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing, 1, 5000);
        w.process->terminate(); // finishes the held payment within the grace period, then exits 0
        QCOMPARE(status(id), QStringLiteral("success"));
        QVERIFY(!w.process->isRunning());
        QVERIFY2(w.process->output().contains(QStringLiteral("stopped")),
                 qPrintable(w.process->output()));
        auto live = m_fx->redis().command({"ZCARD", "gw:workers"});
        QCOMPARE(live->toLongLong(), 0);
    }

    // Among 20,000 other pending payments (with their orders, and jobs) and 20,000 delivery logs
    // due tomorrow, ten payment jobs and their twenty deliveries read only their own rows, each by
    // its key: the worker plans every statement for its values (store::PlanSession), and a plan
    // that scanned would read 20,000 rows of a table per statement.
    void workReadsOnlyTheRowsOfItsJobs()
    {
        const QString merchant = test::kTestMerchantId;
        m_stack.sql(QStringLiteral("INSERT INTO orders (id, merchant_id, amount) SELECT 'order_' ||"
                                   " lpad(g::text, 16, '0'), '%1', 50000"
                                   " FROM generate_series(1, 20000) g")
                        .arg(merchant));
        m_stack.sql(QStringLiteral("INSERT INTO payments (id, order_id, merchant_id, amount,"
                                   " currency, method, vpa) SELECT 'pay_' || lpad(g::text, 16,"
                                   " '0'), 'order_' || lpad(g::text, 16, '0'), '%1', 50000, 'INR',"
                                   " 'upi', 'r@okbank' FROM generate_series(1, 20000) g")
                        .arg(merchant));
        otherLogs(true);
        QCOMPARE(test::completeSqlFixture(m_stack), QString()); // their jobs, due tomorrow too
        m_stack.sql(QStringLiteral("ANALYZE orders, payments, webhook_logs, jobs"));
        test::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        m_fx->setWebhookUrl(receiver.url());
        QList<JobRef> jobs;
        for (int i = 0; i < 10; ++i) // every other one owes its created and pending events
            jobs.append(i % 2 ? owingPayment().second
                              : m_fx->payment(QStringLiteral("upi"), false).second);
        const QStringList tables{QStringLiteral("payments"), QStringLiteral("orders"),
                                 QStringLiteral("webhook_logs"), QStringLiteral("jobs")};
        QMap<QString, qint64> before;
        for (const QString &t : tables)
            before[t] = m_stack.readsOf(t);
        QVERIFY(m_fx->push(jobs));
        auto w = worker();
        // Ten outcomes, and the five owed payment.created and payment.pending pairs.
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 20, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 10000);
        QVERIFY2(stopped(w), "the worker's sessions did not end");
        // By key, a job reads its payment, its order, its logs and its job row a few times
        // each; 40 per job (and per delivery) leaves room for the fixtures' and the stack's own
        // reads reported meanwhile, and is far below one scan.
        const int work = int(jobs.size()) + receiver.requests.size();
        for (const QString &t : tables) {
            const qint64 read = m_stack.readsOf(t) - before[t];
            qInfo("%s: %lld rows or index entries read", qPrintable(t), read);
            QVERIFY2(read <= 40 * work, qPrintable(QStringLiteral("%1 %2 rows or index entries "
                                                                  "read for %3 jobs and deliveries")
                                                       .arg(read)
                                                       .arg(t)
                                                       .arg(work)));
        }
    }

    // The attempts' reference check (migration 071's trigger) planned once per session kept
    // the plan it got on a nearly empty webhook_logs, a scan of every log, at every recording
    // statement after the table grew (migration 073 plans it at each call). So the worker's
    // session records a delivery first, then 20,000 delivered logs come (not analysed: a
    // session's plans stay until the statistics change), then ten more deliveries must read logs
    // by key.
    void attemptsReadTheirLogsByKeyAfterTheTableGrew()
    {
        m_stack.sql(QStringLiteral("ANALYZE webhook_logs")); // empty, as in a new database
        test::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        m_fx->setWebhookUrl(receiver.url());
        auto w = worker();
        m_fx->payment();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 10000);
        otherLogs(false);
        const qint64 before = m_stack.readsOf(QStringLiteral("webhook_logs"));
        for (int i = 0; i < 10; ++i)
            m_fx->payment();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 11, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_fx->counts().processing + m_fx->counts().pending, 0, 10000);
        QVERIFY2(stopped(w), "the worker's sessions did not end");
        // 40 per payment and delivery, as above; one scan reads 20,000.
        const qint64 read = m_stack.readsOf(QStringLiteral("webhook_logs")) - before;
        qInfo("webhook_logs: %lld rows or index entries read", read);
        QVERIFY2(read <= 40 * 20, qPrintable(QString::number(read)));
    }

    void cleanupTestCase()
    {
        m_fx.reset();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestWorker)
#include "tst_worker.moc"
