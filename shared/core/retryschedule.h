#pragma once
// When webhook attempts happen (SPEC.md "Webhooks"): five attempts, the first at once, then after
// 1 min, 5 min, 30 min and 2 h; with WEBHOOK_RETRY_INTERVALS_TEST after 5, 10, 15 and 20 s.
#include <QList>

#include <optional>

namespace gw {

class RetrySchedule
{
public:
    static constexpr int kMaxAttempts = 5;

    explicit RetrySchedule(bool testIntervals);
    // Seconds to wait after failed attempt `attempt` (1-based) before the next one; nullopt after
    // the last attempt, when the delivery is failed.
    std::optional<int> delayAfterAttempt(int attempt) const;

private:
    QList<int> m_gaps; // gap before attempt 2, 3, 4, 5
};

} // namespace gw
