#pragma once
// Polls `condition` until it holds or `timeoutMs` passes, evaluating it once per poll. Unlike
// QTRY_*, which evaluates the expression once more after its loop, a condition that makes a
// request (taking a rate-limit token, or reaching another server thread whose auth cache is
// older) is judged on the answer the loop saw.
#include <QDeadlineTimer>
#include <QTest>

namespace gw::test {

template <typename Condition> bool eventually(Condition condition, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(50);
    }
    return true;
}

} // namespace gw::test
