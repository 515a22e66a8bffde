// Migrations apply on an empty database, record themselves, are idempotent, seed the test merchant
// once, and their constraints refuse states the contract forbids.
#include "store/connection.h"
#include "store/migrator.h"
#include "support/teststack.h"

#include <QTest>

using namespace gw;

class TestMigrations : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;

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
        const auto again = store::Migrator(c).migrate();
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

    // Seeded by 002 in the clear, its secret converted to a salted hash by 060.
    void testMerchantSeededOnce()
    {
        const QStringList rows = m_stack.sql(QStringLiteral(
            "SELECT email || ' ' || api_key || ' ' || webhook_secret || ' ' || livemode || ' ' || "
            "(account_id = id)"
            " || ' ' || (api_secret = 'sha256$' || split_part(api_secret, '$', 2) || '$'"
            " || encode(sha256(convert_to(split_part(api_secret, '$', 2) || 'secret_test_xyz789', "
            "'UTF8')), 'hex'))"
            " FROM merchants WHERE id = '550e8400-e29b-41d4-a716-446655440000'"));
        QCOMPARE(rows, QStringList{QStringLiteral(
                           "test@example.com key_test_abc123 whsec_test_abc123 false true true")});
        QCOMPARE(m_stack.sql(QStringLiteral(
                     "SELECT count(*) FROM merchants WHERE api_secret LIKE '%xyz789%'")),
                 QStringList{QStringLiteral("0")});
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
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
