#include "core/retryschedule.h"

namespace gw {

RetrySchedule::RetrySchedule(bool testIntervals)
    : m_gaps(testIntervals ? QList<int>{5, 10, 15, 20} : QList<int>{60, 300, 1800, 7200})
{
}

std::optional<int> RetrySchedule::delayAfterAttempt(int attempt) const
{
    if (attempt < 1 || attempt >= kMaxAttempts)
        return std::nullopt;
    return m_gaps.at(attempt - 1);
}

} // namespace gw
