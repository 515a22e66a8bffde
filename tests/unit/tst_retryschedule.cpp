// The webhook retry schedule: 5 attempts at 0, 1 min, 5 min, 30 min, 2 h; the test schedule at
// 0, 5, 10, 15, 20 s; nothing after the fifth attempt.
#include "core/retryschedule.h"

#include <QTest>

using namespace gw;

class TestRetrySchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void production()
    {
        RetrySchedule s(false);
        QCOMPARE(s.delayAfterAttempt(1), std::optional<int>(60));
        QCOMPARE(s.delayAfterAttempt(2), std::optional<int>(300));
        QCOMPARE(s.delayAfterAttempt(3), std::optional<int>(1800));
        QCOMPARE(s.delayAfterAttempt(4), std::optional<int>(7200));
        QCOMPARE(s.delayAfterAttempt(5), std::nullopt);
    }

    void testIntervals()
    {
        RetrySchedule s(true);
        QCOMPARE(s.delayAfterAttempt(1), std::optional<int>(5));
        QCOMPARE(s.delayAfterAttempt(2), std::optional<int>(10));
        QCOMPARE(s.delayAfterAttempt(3), std::optional<int>(15));
        QCOMPARE(s.delayAfterAttempt(4), std::optional<int>(20));
        QCOMPARE(s.delayAfterAttempt(5), std::nullopt);
        QCOMPARE(s.delayAfterAttempt(6), std::nullopt);
        QCOMPARE(s.delayAfterAttempt(0), std::nullopt);
        QCOMPARE(RetrySchedule::kMaxAttempts, 5);
    }
};

QTEST_GUILESS_MAIN(TestRetrySchedule)
#include "tst_retryschedule.moc"
