// Migrations apply on an empty database, record themselves, are idempotent, seed the test merchant
// once, and their constraints refuse states the contract forbids.
#include "core/secrethash.h"
#include "store/connection.h"
#include "store/migrator.h"
#include "store/paymentstore.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"
#include "support/webhookreceiver.h"

#include <QFile>
#include <QTest>

using namespace gw;

class TestMigrations : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;

    // A new schema with the migrations before `version` only, recorded as the runner does.
    bool schemaBefore(const QString &version)
    {
        m_stack.sql(QStringLiteral("DROP SCHEMA public CASCADE"));
        m_stack.sql(QStringLiteral("CREATE SCHEMA public"));
        m_stack.sql(QStringLiteral("CREATE TABLE schema_migrations (version text PRIMARY KEY,"
                                   " applied_at timestamptz NOT NULL DEFAULT now())"));
        for (const QString &name : store::Migrator::available()) {
            if (name >= version)
                break;
            QFile f(QStringLiteral(":/migrations/") + name);
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const QStringList r = m_stack.sql(QString::fromUtf8(f.readAll()) +
                                              QStringLiteral(";INSERT INTO schema_migrations "
                                                             "(version) VALUES ('%1')")
                                                  .arg(name));
            if (r.value(0).startsWith(QStringLiteral("ERROR"))) {
                qWarning().noquote() << name << r.value(0);
                return false;
            }
        }
        return true;
    }

    // A worker that looks for due rows (jobs, logs) every 100 ms and takes them at once, rather
    // than 2 s late every 500 ms and overdue every 5 s: what it sends is what is under test.
    test::RunningService eagerWorker()
    {
        return m_stack.startWorker(
            {{QStringLiteral("WORKER_PICKUP_AFTER_MS"), QStringLiteral("100")},
             {QStringLiteral("WORKER_PICKUP_INTERVAL_MS"), QStringLiteral("100")},
             {QStringLiteral("WORKER_SWEEP_AFTER_S"), QStringLiteral("1")},
             {QStringLiteral("WORKER_SWEEP_INTERVAL_MS"), QStringLiteral("100")}});
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.start(), QString()); }

    void allRecorded()
    {
        const QStringList shipped = store::Migrator::available();
        QVERIFY(shipped.size() >= 2);
        QCOMPARE(
            m_stack.sql(QStringLiteral("SELECT version FROM schema_migrations ORDER BY version")),
            shipped);
    }

    void secondRunAppliesNothing()
    {
        store::Connection c(m_stack.database(), QStringLiteral("t"));
        const auto again = store::Migrator(c, secrets::Hasher(m_stack.secretHashKey())).migrate();
        QVERIFY(again.ok());
        QVERIFY(again->isEmpty());
    }

    void concurrentRunnersApplyOnce()
    {
        // Drop everything, then let two processes' worth of migrators race on the advisory lock.
        m_stack.sql(QStringLiteral("DROP SCHEMA public CASCADE"));
        m_stack.sql(QStringLiteral("CREATE SCHEMA public"));
        auto a = m_stack.startServer();
        auto b = m_stack.startServer();
        QVERIFY2(a.port && b.port, qPrintable(a.process->output() + b.process->output()));
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT count(*) FROM schema_migrations")).value(0),
                 QString::number(store::Migrator::available().size()));
    }

    // Seeded by 002 in the clear, its secret hashed by 060 and keyed by the migrator.
    void testMerchantSeededOnce()
    {
        const QStringList rows = m_stack.sql(QStringLiteral(
            "SELECT email || ' ' || api_key || ' ' || webhook_secret || ' ' || livemode || ' ' || "
            "(account_id = id)"
            " FROM merchants WHERE id = '550e8400-e29b-41d4-a716-446655440000'"));
        QCOMPARE(rows, QStringList{QStringLiteral(
                           "test@example.com key_test_abc123 whsec_test_abc123 false true")});
        const QString stored = m_stack
                                   .sql(QStringLiteral("SELECT api_secret FROM merchants WHERE id "
                                                       "= '550e8400-e29b-41d4-a716-446655440000'"))
                                   .value(0);
        QVERIFY2(secrets::Hasher(m_stack.secretHashKey()).matches(stored, "secret_test_xyz789"),
                 qPrintable(stored));
        QCOMPARE(m_stack.sql(QStringLiteral(
                     "SELECT count(*) FROM merchants WHERE api_secret LIKE '%xyz789%'")),
                 QStringList{QStringLiteral("0")});
    }

    // A database from before the keyed hash (the migrations up to 061: secrets in 060's unkeyed
    // sha256$ form, one account in a rotation's grace period) is converted by the first of two
    // servers starting on it at once: every secret keyed with its salt kept, converted once, and
    // the same secrets, the rotated-out one included, still authenticate.
    void unkeyedSecretsAreConvertedOnce()
    {
        QVERIFY(schemaBefore(QStringLiteral("062")));
        // 060's trigger hashes the clear secret; the previous one is hashed here as 060 did.
        const QString salt = QStringLiteral("0123456789abcdef0123456789abcdef");
        QCOMPARE(
            m_stack.sql(
                QStringLiteral(
                    "INSERT INTO merchants (id, name, email, api_key, api_secret, webhook_secret,"
                    " previous_api_secret, previous_api_secret_expires_at) VALUES"
                    " ('44444444-2222-3333-4444-555555555555', 'Old', 'old@example.com',"
                    " 'key_test_old', 'secret_old', 'whsec_old', 'sha256$%1$' ||"
                    " encode(sha256(convert_to('%1' || 'secret_prev', 'UTF8')), 'hex'),"
                    " now() + interval '1 hour')")
                    .arg(salt)),
            QStringList());
        const QString unkeyed = QStringLiteral(
            "SELECT string_agg(api_key || ' ' || split_part(api_secret, '$', 1) || ' ' ||"
            " split_part(api_secret, '$', 2) || ' ' || coalesce(split_part(previous_api_secret,"
            " '$', 1), '-'), ', ' ORDER BY api_key) FROM merchants");
        const QString before = m_stack.sql(unkeyed).value(0);
        QVERIFY2(before.contains(QStringLiteral("key_test_old sha256 ")), qPrintable(before));

        auto a = m_stack.startServer();
        auto b = m_stack.startServer();
        QVERIFY2(a.port && b.port, qPrintable(a.process->output() + b.process->output()));
        QCOMPARE(
            m_stack.sql(unkeyed).value(0),
            QString(before).replace(QStringLiteral(" sha256"), QStringLiteral(" hmac-sha256")));
        const QString converted = QStringLiteral("converted 2 merchants' API secrets");
        QCOMPARE(int(a.process->output().contains(converted)) +
                     int(b.process->output().contains(converted)),
                 1);
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT fingerprint FROM api_secret_hash_key")),
                 QStringList{secrets::Hasher(m_stack.secretHashKey()).fingerprint()});

        test::HttpClient client(a.baseUrl());
        QCOMPARE(client.get(QStringLiteral("/api/v1/orders")).status, 200); // secret_test_xyz789
        for (const char *secret : {"secret_old", "secret_prev"}) {
            client.setCredentials("key_test_old", secret);
            QCOMPARE(client.get(QStringLiteral("/api/v1/orders")).status, 200);
        }
        client.setCredentials("key_test_old", "secret_other");
        QCOMPARE(client.get(QStringLiteral("/api/v1/orders")).status, 401);
    }

    // Migration 072: a delivery's durable record is its log. The webhook jobs queued at upgrade
    // are folded into their logs (a pending log without a due time gets its job's), the jobs are
    // done, and the worker then sends each of those logs from the log alone; a log that had no
    // job (its merchant had no URL then) stays unsent.
    void queuedWebhookJobsBecomeDueLogs()
    {
        QVERIFY(schemaBefore(QStringLiteral("072")));
        test::WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString merchant = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
        // A: due a minute ago; B: pending without a due time; C: delivered; D: never sent.
        const QStringList logs{QStringLiteral("A 'pending' now()-interval'60s' queued"),
                               QStringLiteral("B 'pending' NULL queued"),
                               QStringLiteral("C 'success' NULL done"),
                               QStringLiteral("D 'pending' NULL -")};
        for (const QString &l : logs) {
            const QStringList v = l.split(u' ');
            const QString id = QStringLiteral("00000000-0000-4000-8000-00000000000") + v[0];
            const QString evt = QStringLiteral("evt_") + v[0] + QString(15, u'0');
            QCOMPARE(m_stack.sql(QStringLiteral(
                                     "UPDATE merchants SET webhook_url = '%1' WHERE id = '%2';"
                                     " INSERT INTO webhook_logs (id, merchant_id, event_id, event,"
                                     " payload, status, next_retry_at) VALUES ('%3', '%2', '%4',"
                                     " 'webhook.test', '{\"id\":\"%4\"}', %5, %6)")
                                     .arg(receiver.url(), merchant, id, evt, v[1], v[2])),
                     QStringList());
            if (v[3] != QStringLiteral("-"))
                QCOMPARE(m_stack.sql(
                             QStringLiteral("INSERT INTO jobs (id, kind, subject_id,"
                                            " state, finished_at) VALUES"
                                            " ('%1', 'webhook', '%2', '%3', %4)")
                                 .arg(QStringLiteral("job_") + v[0] + QString(15, u'0'), id, v[3],
                                      v[3] == QStringLiteral("done") ? QStringLiteral("now()")
                                                                     : QStringLiteral("NULL"))),
                         QStringList());
        }
        store::Connection c(m_stack.database(), QStringLiteral("t"));
        const auto applied = store::Migrator(c, secrets::Hasher(m_stack.secretHashKey())).migrate();
        QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().description));
        QVERIFY(applied->contains(QStringLiteral("072_deliveries_queued_by_their_logs.sql")));
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'queued'")),
                 QStringList{QStringLiteral("0")});
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT right(event_id, 16) || ' ' || status || ' '"
                                            " || (next_retry_at IS NOT NULL) FROM webhook_logs"
                                            " ORDER BY 1")),
                 (QStringList{QStringLiteral("A000000000000000 pending true"),
                              QStringLiteral("B000000000000000 pending true"),
                              QStringLiteral("C000000000000000 success false"),
                              QStringLiteral("D000000000000000 pending false")}));
        // Nothing in Redis names them: the worker's sweep sends them from their logs.
        auto worker = eagerWorker();
        QVERIFY(worker.process);
        QVERIFY(test::eventually(
            [&] {
                return m_stack.sql(QStringLiteral("SELECT count(*) FROM webhook_logs WHERE status ="
                                                  " 'success'")) ==
                       QStringList{QStringLiteral("3")};
            },
            40000));
        QTest::qWait(1000); // anything more would arrive now
        worker.process->terminate();
        QStringList sent;
        for (const auto &r : std::as_const(receiver.requests))
            sent << QString::fromUtf8(r.headers.value("webhook-id"));
        sent.sort();
        QCOMPARE(sent, (QStringList{QStringLiteral("evt_A000000000000000"),
                                    QStringLiteral("evt_B000000000000000")}));
    }

    // A database at the migration before 063 with orders paid or being paid twice: 063 fails
    // the extra pending payments (ORDER_ALREADY_PAID, each with its payment.failed event), marks
    // the extra success as a duplicate of the first (listed for a refund), keeps the first live
    // payment of each order, and builds the index; the worker then pays the kept pending payment
    // once.
    void oneLivePaymentPerOrderFixesOldData()
    {
        QVERIFY(schemaBefore(QStringLiteral("063")));
        const QString merchant = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
        QCOMPARE(
            m_stack.sql(QStringLiteral("INSERT INTO orders (id, merchant_id, amount, status) VALUES"
                                       " ('order_AAAAAAAAAAAAAAAA', '%1', 5000, 'created'),"
                                       " ('order_BBBBBBBBBBBBBBBB', '%1', 6000, 'paid'),"
                                       " ('order_CCCCCCCCCCCCCCCC', '%1', 7000, 'created')")
                            .arg(merchant)),
            QStringList());
        // A: two pending; B: a success, a pending, a second success; C: one pending.
        const QStringList payments{
            QStringLiteral("pay_A000000000000001 order_AAAAAAAAAAAAAAAA pending 1"),
            QStringLiteral("pay_A000000000000002 order_AAAAAAAAAAAAAAAA pending 2"),
            QStringLiteral("pay_B000000000000001 order_BBBBBBBBBBBBBBBB success 1"),
            QStringLiteral("pay_B000000000000002 order_BBBBBBBBBBBBBBBB pending 2"),
            QStringLiteral("pay_B000000000000003 order_BBBBBBBBBBBBBBBB success 3"),
            QStringLiteral("pay_C000000000000001 order_CCCCCCCCCCCCCCCC pending 1")};
        for (const QString &p : payments) {
            const QStringList v = p.split(u' ');
            QCOMPARE(
                m_stack.sql(
                    QStringLiteral(
                        "INSERT INTO payments (id, order_id, merchant_id, amount, currency,"
                        " method, vpa, status, created_at) SELECT '%1', id, merchant_id, amount,"
                        " currency, 'upi', 'old@okbank', '%3', now() - interval '1 minute' *"
                        " (10 - %4) FROM orders WHERE id = '%2'; INSERT INTO jobs (id, kind,"
                        " subject_id, state, finished_at) VALUES ('job_%5', 'payment', '%1',"
                        " %6)")
                        .arg(v[0], v[1], v[2], v[3], v[0].mid(4),
                             v[2] == QStringLiteral("pending") ? QStringLiteral("'queued', NULL")
                                                               : QStringLiteral("'done', now()"))),
                QStringList());
        }
        // The successful ones' payment.success events, as the worker wrote them then.
        QCOMPARE(m_stack.sql(QStringLiteral(
                     "INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, status)"
                     " SELECT gen_random_uuid(), merchant_id, 'evt_' || substr(id, 5),"
                     " 'payment.success', json_build_object('event', 'payment.success', 'data',"
                     " json_build_object('payment', json_build_object('id', id)))::text, 'success'"
                     " FROM payments WHERE status = 'success'")),
                 QStringList());
        store::Connection c(m_stack.database(), QStringLiteral("t"));
        const auto applied = store::Migrator(c, secrets::Hasher(m_stack.secretHashKey())).migrate();
        QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().description));
        QVERIFY(applied->contains(QStringLiteral("063_one_live_payment_per_order.sql")));
        QCOMPARE(m_stack.sql(QStringLiteral(
                     "SELECT id || ' ' || status || ' ' || coalesce(error_code, '-') || ' ' ||"
                     " coalesce(duplicate_of, '-') FROM payments ORDER BY id")),
                 (QStringList{QStringLiteral("pay_A000000000000001 pending - -"),
                              QStringLiteral("pay_A000000000000002 failed ORDER_ALREADY_PAID -"),
                              QStringLiteral("pay_B000000000000001 success - -"),
                              QStringLiteral("pay_B000000000000002 failed ORDER_ALREADY_PAID -"),
                              QStringLiteral("pay_B000000000000003 success - pay_B000000000000001"),
                              QStringLiteral("pay_C000000000000001 pending - -")}));
        // Each failed one has its payment.failed event, carrying it as failed.
        QCOMPARE(m_stack.sql(QStringLiteral(
                     "SELECT payload::jsonb #>> '{data,payment,id}' || ' ' || (payload::jsonb #>>"
                     " '{data,payment,error_code}') FROM webhook_logs WHERE event ="
                     " 'payment.failed' ORDER BY 1")),
                 (QStringList{QStringLiteral("pay_A000000000000002 ORDER_ALREADY_PAID"),
                              QStringLiteral("pay_B000000000000002 ORDER_ALREADY_PAID")}));
        // Those two and the fixture's two payment.success events.
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT count(*) FROM webhook_logs")),
                 QStringList{QStringLiteral("4")});
        const auto twice = store::PaymentStore(c).duplicates();
        QVERIFY(twice.ok());
        QCOMPARE(twice->size(), 1);
        QCOMPARE(twice->first().paymentId, QStringLiteral("pay_B000000000000003"));
        QCOMPARE(twice->first().duplicateOf, QStringLiteral("pay_B000000000000001"));
        // The index holds from now on.
        QVERIFY(m_stack
                    .sql(QStringLiteral(
                        "INSERT INTO payments (id, order_id, merchant_id, amount, currency,"
                        " method, vpa) SELECT 'pay_A000000000000003', id, merchant_id, amount,"
                        " currency, 'upi', 'new@okbank' FROM orders WHERE id ="
                        " 'order_AAAAAAAAAAAAAAAA'"))
                    .value(0)
                    .startsWith(QStringLiteral("ERROR")));
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT count(*) FROM payments WHERE order_id ="
                                            " 'order_AAAAAAAAAAAAAAAA'")),
                 QStringList{QStringLiteral("2")});
        // The worker pays the kept one, and the failed ones' jobs change nothing.
        auto worker = eagerWorker();
        QVERIFY(worker.process);
        QVERIFY(test::eventually(
            [&] {
                return m_stack.sql(QStringLiteral("SELECT count(*) FROM jobs WHERE state = 'queued'"
                                                  " AND kind = 'payment'")) ==
                       QStringList{QStringLiteral("0")};
            },
            20000));
        // The operator refunds the listed duplicate in full, as `gateway-admin payments
        // duplicates` asks: the order's money moved once in the end.
        auto server = m_stack.startServer();
        QVERIFY2(server.port, qPrintable(server.process->output()));
        QCOMPARE(test::HttpClient(server.baseUrl())
                     .post(QStringLiteral("/api/v1/payments/pay_B000000000000003/refunds"),
                           {{QStringLiteral("amount"), 6000}})
                     .status,
                 201);
        QVERIFY(test::eventually(
            [&] {
                return m_stack.sql(QStringLiteral("SELECT amount_refunded FROM payments WHERE id ="
                                                  " 'pay_B000000000000003'")) ==
                       QStringList{QStringLiteral("6000")};
            },
            20000));
        worker.process->terminate();
        QCOMPARE(m_stack.sql(QStringLiteral(
                     "SELECT id || ' ' || status FROM payments WHERE status <> 'failed' ORDER BY"
                     " id")),
                 (QStringList{QStringLiteral("pay_A000000000000001 success"),
                              QStringLiteral("pay_B000000000000001 success"),
                              QStringLiteral("pay_B000000000000003 success"),
                              QStringLiteral("pay_C000000000000001 success")}));
        QCOMPARE(
            m_stack.sql(QStringLiteral("SELECT status FROM orders ORDER BY id")),
            (QStringList{QStringLiteral("paid"), QStringLiteral("paid"), QStringLiteral("paid")}));
    }

    void constraintsRefuse_data()
    {
        QTest::addColumn<QString>("statement");
        const QString order = QStringLiteral(
            "INSERT INTO orders (id, merchant_id, amount) VALUES ('order_AAAAAAAAAAAAAAAA', "
            "'550e8400-e29b-41d4-a716-446655440000', %1)");
        QTest::addRow("order below 100") << order.arg(99);
        QTest::addRow("bad order id")
            << QStringLiteral("INSERT INTO orders (id, merchant_id, amount) VALUES ('order_1', "
                              "'550e8400-e29b-41d4-a716-446655440000', 500)");
        QTest::addRow("unknown merchant")
            << QStringLiteral("INSERT INTO orders (id, merchant_id, amount) VALUES "
                              "('order_BBBBBBBBBBBBBBBB', gen_random_uuid(), 500)");
        QTest::addRow("payment without order")
            << QStringLiteral("INSERT INTO payments (id, order_id, merchant_id, amount, currency, "
                              "method, vpa) VALUES "
                              "('pay_AAAAAAAAAAAAAAAA', 'order_ZZZZZZZZZZZZZZZZ', "
                              "'550e8400-e29b-41d4-a716-446655440000', 500, 'INR', 'upi', 'a@b')");
        QTest::addRow("over-refund")
            << QStringLiteral("UPDATE payments SET refunds_reserved = amount + 1");
        QTest::addRow("capture of pending")
            << QStringLiteral("UPDATE payments SET captured = true");
        QTest::addRow("card fields on upi")
            << QStringLiteral("UPDATE payments SET card_last4 = '4242'");
        QTest::addRow("unknown status")
            << QStringLiteral("UPDATE payments SET status = 'refunded'");
        // The delivery references checked per statement by triggers (migrations 071, 073).
        const QString log = QStringLiteral(
            "INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload) VALUES "
            "(gen_random_uuid(), %1, 'evt_AAAAAAAAAAAAAAAA', 'payment.created', '{}')");
        QTest::addRow("webhook log of an unknown merchant")
            << log.arg(QStringLiteral("gen_random_uuid()"));
        QTest::addRow("attempt without its log")
            << QStringLiteral("INSERT INTO webhook_attempts (log_id, attempt_number) VALUES "
                              "(gen_random_uuid(), 1)");
        QTest::addRow("attempts, one without its log")
            << QStringLiteral("WITH l AS (%1 RETURNING id) INSERT INTO webhook_attempts (log_id, "
                              "attempt_number) SELECT id, 1 FROM l UNION ALL SELECT "
                              "gen_random_uuid(), 1")
                   .arg(log.arg(QStringLiteral("'550e8400-e29b-41d4-a716-446655440000'")));
    }

    void constraintsRefuse()
    {
        QFETCH(QString, statement);
        m_stack.sql(QStringLiteral(
            "INSERT INTO orders (id, merchant_id, amount) VALUES ('order_CCCCCCCCCCCCCCCC', "
            "'550e8400-e29b-41d4-a716-446655440000', 500) ON CONFLICT DO NOTHING"));
        m_stack.sql(QStringLiteral("INSERT INTO payments (id, order_id, merchant_id, amount, "
                                   "currency, method, vpa) VALUES "
                                   "('pay_CCCCCCCCCCCCCCCC', 'order_CCCCCCCCCCCCCCCC', "
                                   "'550e8400-e29b-41d4-a716-446655440000', 500,"
                                   " 'INR', 'upi', 'a@b') ON CONFLICT DO NOTHING"));
        const QStringList result = m_stack.sql(statement);
        QVERIFY2(result.value(0).startsWith(QStringLiteral("ERROR")), qPrintable(statement));
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
