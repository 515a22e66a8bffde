// The webhook endpoint circuit breaker: opens after N unanswered attempts in a row, refuses while
// open, lets one probe through after the cool-down, closes on an answer, and doubles the
// cool-down (up to a ceiling) when a probe goes unanswered. Any HTTP answer counts as alive.
#include "worker/circuitbreaker.h"

#include <QTest>

using namespace gw::worker;
using Gate = CircuitBreaker::Gate;

class TestCircuitBreaker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensAfterSilenceAndProbes()
    {
        CircuitBreaker b(3, 1000, 4000);
        QCOMPARE(b.admit(0), Gate::Send);
        b.record(false, false, 0);
        b.record(false, false, 0);
        QCOMPARE(b.admit(0), Gate::Send); // two in a row: still closed
        b.record(false, false, 10);
        QVERIFY(!b.closed());
        QCOMPARE(b.admit(500), Gate::Refuse);
        QCOMPARE(b.msUntilProbe(500), 510);
        QCOMPARE(b.admit(1010), Gate::Probe);
        QCOMPARE(b.admit(1011), Gate::Refuse); // one probe at a time
        b.record(false, true, 1100);           // unanswered probe: twice the cool-down
        QCOMPARE(b.admit(2500), Gate::Refuse);
        QCOMPARE(b.admit(3100), Gate::Probe);
        b.record(false, true, 3100);
        QCOMPARE(b.msUntilProbe(3100), 4000);
        QCOMPARE(b.admit(7100), Gate::Probe);
        b.record(false, true, 7100);
        QCOMPARE(b.msUntilProbe(7100), 4000); // the ceiling
        QCOMPARE(b.admit(11100), Gate::Probe);
        b.record(true, true, 11200); // answered: closed, counters reset
        QVERIFY(b.closed());
        QCOMPARE(b.silentInARow(), 0);
        QCOMPARE(b.admit(11200), Gate::Send);
        b.record(false, false, 11300);
        b.record(false, false, 11300);
        b.record(false, false, 11300);
        QCOMPARE(b.msUntilProbe(11300), 1000); // the cool-down starts over
    }

    void answersKeepItClosed()
    {
        CircuitBreaker b(2, 1000, 1000);
        for (int i = 0; i < 10; ++i) {
            b.record(false, false, i);
            b.record(true, false, i); // an error status is still an answer
        }
        QVERIFY(b.closed());
        QCOMPARE(b.admit(10), Gate::Send);
    }

    void lateResultsWhileOpenChangeNothing()
    {
        // Attempts that went out before the circuit opened finish while it is open.
        CircuitBreaker b(1, 1000, 8000);
        b.record(false, false, 0);
        b.record(false, false, 500); // a late silent result: no extra back-off
        QCOMPARE(b.msUntilProbe(500), 500);
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
