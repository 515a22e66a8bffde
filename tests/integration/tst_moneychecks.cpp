// The money's invariants (store::MoneyChecks, run by the test stack at the end of every suite and
// by `gateway-admin check`): a small consistent database passes, and each invariant, broken once
// on purpose, is reported, alone, naming what breaks it; `gateway-admin check` exits 0 or 1 with
// the same findings.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "store/connection.h"
#include "store/moneychecks.h"
#include "support/teststack.h"

#include <QProcess>
#include <QSet>
#include <QTest>

using namespace gw;

namespace {
const char *kMerchant = "550e8400-e29b-41d4-a716-446655440000";

// An event's delivery log carrying `object` ("payment" or "refund") `id`, as the API writes them.
QString eventLog(const QString &event, const QString &object, const QString &id, int n)
{
    return QString(
               "INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload) VALUES"
               " (gen_random_uuid(), '%1', 'evt_%2', '%3', '{\"data\":{\"%4\":{\"id\":\"%5\"}}}')")
        .arg(kMerchant)
        .arg(n, 16, 10, QChar('0'))
        .arg(event, object, id);
}
} // namespace

class TestMoneyChecks : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;

    // Order A paid by its payment, captured and refunded 100 of 5000 (processed); order B with
    // a pending payment and its queued job; order C unpaid. Every invariant holds.
    void consistentData()
    {
        const QStringList sql{
            QString("INSERT INTO orders (id, merchant_id, amount, status) VALUES"
                    " ('order_AAAAAAAAAAAAAAAA', '%1', 5000, 'paid'),"
                    " ('order_BBBBBBBBBBBBBBBB', '%1', 6000, 'created'),"
                    " ('order_CCCCCCCCCCCCCCCC', '%1', 7000, 'created')")
                .arg(kMerchant),
            QString("INSERT INTO payments (id, order_id, merchant_id, amount, currency, method,"
                    " vpa, status, amount_refunded, refunds_reserved) VALUES"
                    " ('pay_AAAAAAAAAAAAAAAA', 'order_AAAAAAAAAAAAAAAA', '%1', 5000, 'INR', 'upi',"
                    " 'a@okbank', 'success', 100, 100),"
                    " ('pay_BBBBBBBBBBBBBBBB', 'order_BBBBBBBBBBBBBBBB', '%1', 6000, 'INR', 'upi',"
                    " 'b@okbank', 'pending', 0, 0)")
                .arg(kMerchant),
            QString("INSERT INTO refunds (id, payment_id, merchant_id, amount, status,"
                    " processed_at) VALUES ('rfnd_AAAAAAAAAAAAAAAA', 'pay_AAAAAAAAAAAAAAAA', '%1',"
                    " 100, 'processed', now())")
                .arg(kMerchant),
            "INSERT INTO jobs (id, kind, subject_id) VALUES"
            " ('job_BBBBBBBBBBBBBBBB', 'payment', 'pay_BBBBBBBBBBBBBBBB')",
            eventLog("payment.success", "payment", "pay_AAAAAAAAAAAAAAAA", 1),
            eventLog("refund.processed", "refund", "rfnd_AAAAAAAAAAAAAAAA", 2),
        };
        for (const QString &s : sql)
            QCOMPARE(m_stack.sql(s), QStringList());
    }

    QList<store::Violation> violations()
    {
        store::Connection c(m_stack.database(), "t");
        auto found = store::MoneyChecks(c).run();
        if (!found)
            return {{"(query failed)", {}, found.error().description}};
        return found.value();
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.start(), QString()); }

    void init()
    {
        QCOMPARE(m_stack.resetData(), QString());
        consistentData();
    }

    void consistentDataPasses() { QCOMPARE(violations().size(), 0); }

    void eachInvariantBrokenIsFound_data()
    {
        QTest::addColumn<QString>("invariant");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QStringList>("breaking");
        // A second success for order A, as before one live payment per order (outside the
        // index as a duplicate), with its event; not refunded.
        QTest::addRow("paid twice")
            << "one-success-per-order"
            << "order_AAAAAAAAAAAAAAAA"
            << QStringList{QString("INSERT INTO payments (id, order_id, merchant_id, amount,"
                                   " currency, method, vpa, status, duplicate_of) VALUES"
                                   " ('pay_DDDDDDDDDDDDDDDD', 'order_AAAAAAAAAAAAAAAA', '%1',"
                                   " 5000, 'INR', 'upi', 'a@okbank', 'success',"
                                   " 'pay_AAAAAAAAAAAAAAAA')")
                               .arg(kMerchant),
                           eventLog("payment.success", "payment", "pay_DDDDDDDDDDDDDDDD", 9)};
        QTest::addRow("paid without a success")
            << "order-paid-iff-success"
            << "order_CCCCCCCCCCCCCCCC"
            << QStringList{"UPDATE orders SET status = 'paid' WHERE id = 'order_CCCCCCCCCCCCCCCC'"};
        QTest::addRow("refunded beyond the amount")
            << "refunds-within-amount"
            << "pay_AAAAAAAAAAAAAAAA"
            << QStringList{QString("INSERT INTO refunds (id, payment_id, merchant_id, amount)"
                                   " VALUES ('rfnd_BBBBBBBBBBBBBBBB', 'pay_AAAAAAAAAAAAAAAA', '%1',"
                                   " 4950)")
                               .arg(kMerchant),
                           "INSERT INTO jobs (id, kind, subject_id) VALUES"
                           " ('job_CCCCCCCCCCCCCCCC', 'refund', 'rfnd_BBBBBBBBBBBBBBBB')"};
        QTest::addRow("amount_refunded off")
            << "amount-refunded-is-processed-refunds"
            << "pay_AAAAAAAAAAAAAAAA"
            << QStringList{"UPDATE payments SET amount_refunded = 0 WHERE id ="
                           " 'pay_AAAAAAAAAAAAAAAA'"};
        QTest::addRow("final payment without its event")
            << "final-payment-one-outcome-event"
            << "pay_AAAAAAAAAAAAAAAA"
            << QStringList{"DELETE FROM webhook_logs WHERE event = 'payment.success'"};
        QTest::addRow("refund event twice")
            << "processed-refund-one-event"
            << "rfnd_AAAAAAAAAAAAAAAA"
            << QStringList{eventLog("refund.processed", "refund", "rfnd_AAAAAAAAAAAAAAAA", 8)};
        QTest::addRow("job lost") << "no-job-lost"
                                  << "pay_BBBBBBBBBBBBBBBB"
                                  << QStringList{
                                         "UPDATE jobs SET state = 'done', finished_at = now()"};
    }

    void eachInvariantBrokenIsFound()
    {
        QFETCH(QString, invariant);
        QFETCH(QString, subject);
        QFETCH(QStringList, breaking);
        for (const QString &s : breaking)
            QCOMPARE(m_stack.sql(s), QStringList());
        const QList<store::Violation> found = violations();
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().invariant, invariant);
        QCOMPARE(found.first().subject, subject);
        QVERIFY(!found.first().detail.isEmpty());
        // Leave the database as the suite's end-of-run check wants it.
        QCOMPARE(m_stack.resetData(), QString());
    }

    // Every invariant the checker knows has a case above.
    void everyInvariantIsBrokenOnce()
    {
        QSet<QString> covered{"one-success-per-order",
                              "order-paid-iff-success",
                              "refunds-within-amount",
                              "amount-refunded-is-processed-refunds",
                              "final-payment-one-outcome-event",
                              "processed-refund-one-event",
                              "no-job-lost"};
        const QStringList all = store::MoneyChecks::invariants();
        QCOMPARE(QSet<QString>(all.begin(), all.end()), covered);
    }

    void adminCheckExitsWithTheFindings()
    {
        const auto admin = [&] {
            QProcess p;
            p.setProcessEnvironment(m_stack.environment());
            p.start(test::TestStack::buildDir() + "/admin/gateway-admin", {"check"});
            p.waitForFinished(60000);
            return std::pair{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput())};
        };
        const auto [okCode, okText] = admin();
        QCOMPARE(okCode, 0);
        QVERIFY2(okText.startsWith("all 7 invariants hold"), qPrintable(okText));
        m_stack.sql("UPDATE payments SET amount_refunded = 0 WHERE id = 'pay_AAAAAAAAAAAAAAAA'");
        const auto [badCode, badText] = admin();
        QCOMPARE(badCode, 1);
        QCOMPARE(badText, QString("amount-refunded-is-processed-refunds: pay_AAAAAAAAAAAAAAAA:"
                                  " amount_refunded 0, processed refunds 100\n"));
        QCOMPARE(m_stack.resetData(), QString());
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_MAIN(TestMoneyChecks)
#include "tst_moneychecks.moc"
