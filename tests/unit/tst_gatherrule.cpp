// When an idle payment writer takes the queue, without threads or a clock: at once when no other
// writer is busy or the process is stopping, otherwise once the batch is worth a statement or the
// oldest item has waited the bound; and which hand-overs wake a writer.
#include "server/writer/gatherrule.h"

#include <QTest>

using namespace gw::http;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(std::chrono::nanoseconds)

class TestGatherRule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void waitBeforeTaking_data()
    {
        QTest::addColumn<qsizetype>("queued");
        QTest::addColumn<std::chrono::nanoseconds>("oldestWaited");
        QTest::addColumn<int>("busyWriters");
        QTest::addColumn<bool>("stopping");
        QTest::addColumn<std::chrono::nanoseconds>("wait"); // zero or less: take now
        using ns = std::chrono::nanoseconds;
        QTest::addRow("idle server: one at once") << qsizetype(1) << ns(0) << 0 << false << ns(0);
        QTest::addRow("idle server: a few at once") << qsizetype(5) << ns(0) << 0 << false << ns(0);
        QTest::addRow("another busy: gathers the whole bound")
            << qsizetype(1) << ns(0) << 1 << false << ns(3ms);
        QTest::addRow("another busy: the rest of the bound")
            << qsizetype(3) << ns(1ms) << 1 << false << ns(2ms);
        QTest::addRow("another busy: the bound reached")
            << qsizetype(3) << ns(3ms) << 1 << false << ns(0);
        QTest::addRow("another busy: past the bound")
            << qsizetype(3) << ns(7ms) << 1 << false << ns(-4ms);
        QTest::addRow("another busy: one short of worthwhile")
            << GatherRule::kWorthwhileBatch - 1 << ns(0) << 1 << false << ns(3ms);
        QTest::addRow("another busy: worthwhile at once")
            << GatherRule::kWorthwhileBatch << ns(0) << 1 << false << ns(0);
        QTest::addRow("several busy: gathers too")
            << qsizetype(2) << ns(0) << 3 << false << ns(3ms);
        QTest::addRow("stopping: at once though another is busy")
            << qsizetype(1) << ns(0) << 1 << true << ns(0);
    }

    void waitBeforeTaking()
    {
        QFETCH(qsizetype, queued);
        QFETCH(std::chrono::nanoseconds, oldestWaited);
        QFETCH(int, busyWriters);
        QFETCH(bool, stopping);
        QFETCH(std::chrono::nanoseconds, wait);
        const GatherRule rule(3ms);
        const auto got = rule.waitBeforeTaking({queued, oldestWaited, busyWriters, stopping});
        if (wait <= 0ns)
            QVERIFY2(got <= 0ns, qPrintable(QString::number(got.count())));
        else
            QCOMPARE(got.count(), wait.count());
    }

    // A bound of 0 is the writers without gathering: each takes the queue at once.
    void noBoundTakesAtOnce()
    {
        const GatherRule rule(0ms);
        QVERIFY(rule.waitBeforeTaking({1, 0ns, 1, false}) <= 0ns);
    }

    void wakesOnTheFirstAndTheWorthwhile()
    {
        QVERIFY(GatherRule::wakeOnArrival(1));
        QVERIFY(!GatherRule::wakeOnArrival(2));
        QVERIFY(!GatherRule::wakeOnArrival(GatherRule::kWorthwhileBatch - 1));
        QVERIFY(GatherRule::wakeOnArrival(GatherRule::kWorthwhileBatch));
        QVERIFY(!GatherRule::wakeOnArrival(GatherRule::kWorthwhileBatch + 1));
    }
};

QTEST_GUILESS_MAIN(TestGatherRule)
#include "tst_gatherrule.moc"
