// The guard's connection budget without a server: a connection is refused when the server is
// full or its client address holds its share, a closed one gives its place back, and an IPv4
// client on an IPv6 socket counts as its IPv4 address. tst_guardlimits proves the same over
// sockets.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "httpguard/connectionbudget.h"

#include <QTest>
#include <QThread>

using namespace gw::http;

Q_DECLARE_METATYPE(ConnectionBudget::Verdict)

namespace {
constexpr auto A = ConnectionBudget::Verdict::Admitted;
constexpr auto S = ConnectionBudget::Verdict::ServerFull;
constexpr auto P = ConnectionBudget::Verdict::AddressFull;
using Verdicts = QList<ConnectionBudget::Verdict>;
} // namespace

class TestConnectionBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Steps: "+addr" admits (its verdict is the next expected one), "-addr" releases.
    void admits_data()
    {
        QTest::addColumn<int>("max");
        QTest::addColumn<int>("perAddress");
        QTest::addColumn<QStringList>("steps");
        QTest::addColumn<Verdicts>("verdicts");
        QTest::addRow("under both caps")
            << 3 << 2 << QStringList{"+10.0.0.1", "+10.0.0.2"} << Verdicts{A, A};
        QTest::addRow("server full")
            << 2 << 0 << QStringList{"+10.0.0.1", "+10.0.0.2", "+10.0.0.3"} << Verdicts{A, A, S};
        QTest::addRow("address full, another address still in")
            << 10 << 2 << QStringList{"+10.0.0.1", "+10.0.0.1", "+10.0.0.1", "+10.0.0.2"}
            << Verdicts{A, A, P, A};
        QTest::addRow("per address 0: no cap per address")
            << 3 << 0 << QStringList{"+10.0.0.1", "+10.0.0.1", "+10.0.0.1", "+10.0.0.1"}
            << Verdicts{A, A, A, S};
        QTest::addRow("address full is said before server full")
            << 2 << 2 << QStringList{"+10.0.0.1", "+10.0.0.1", "+10.0.0.1", "+10.0.0.2"}
            << Verdicts{A, A, P, S};
        QTest::addRow("a release gives the place back")
            << 1 << 1 << QStringList{"+10.0.0.1", "+10.0.0.1", "-10.0.0.1", "+10.0.0.1"}
            << Verdicts{A, P, A};
        QTest::addRow("a release frees the server for another address")
            << 1 << 0 << QStringList{"+10.0.0.1", "+10.0.0.2", "-10.0.0.1", "+10.0.0.2"}
            << Verdicts{A, S, A};
        QTest::addRow("IPv4-mapped IPv6 counts as its IPv4 address")
            << 10 << 1 << QStringList{"+10.0.0.1", "+::ffff:10.0.0.1"} << Verdicts{A, P};
        QTest::addRow("released through its mapped form")
            << 10 << 1 << QStringList{"+::ffff:10.0.0.1", "-10.0.0.1", "+10.0.0.1"}
            << Verdicts{A, A};
        QTest::addRow("IPv6 addresses count apart")
            << 10 << 1 << QStringList{"+::1", "+::2", "+::1"} << Verdicts{A, A, P};
    }

    void admits()
    {
        QFETCH(int, max);
        QFETCH(int, perAddress);
        QFETCH(QStringList, steps);
        QFETCH(Verdicts, verdicts);
        ConnectionBudget budget(max, perAddress);
        Verdicts got;
        for (const QString &step : std::as_const(steps)) {
            const QHostAddress peer(step.mid(1));
            QVERIFY2(!peer.isNull(), qPrintable(step));
            if (step.startsWith('+'))
                got << budget.admit(peer);
            else
                budget.release(peer);
        }
        QCOMPARE(got, verdicts);
    }

    // The server's threads share one budget: admissions from several threads never exceed it.
    void threadsShareOneBudget()
    {
        constexpr int kThreads = 4;
        constexpr int kTries = 500;
        ConnectionBudget budget(kThreads * kTries / 2, 0);
        QAtomicInt admitted;
        QList<QThread *> threads;
        for (int t = 0; t < kThreads; ++t)
            threads << QThread::create([&budget, &admitted, t] {
                const QHostAddress peer(QStringLiteral("10.0.1.%1").arg(t + 1));
                for (int i = 0; i < kTries; ++i)
                    if (budget.admit(peer) == A)
                        admitted.fetchAndAddRelaxed(1);
            });
        for (QThread *t : std::as_const(threads))
            t->start();
        for (QThread *t : std::as_const(threads)) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QCOMPARE(admitted.loadRelaxed(), kThreads * kTries / 2);
        QCOMPARE(budget.admit(QHostAddress("10.0.2.1")), S);
    }
};

QTEST_MAIN(TestConnectionBudget)
#include "tst_connectionbudget.moc"
