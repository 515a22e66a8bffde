#pragma once
// One webhook endpoint's circuit breaker. It watches for an endpoint that does not answer
// (time-outs, refused or reset connections): after `failures` such attempts in a row it opens, and
// while open the endpoint's due attempts are recorded as failed without being sent, on their
// schedule, so a hanging endpoint holds no connection and delays nobody. After the cool-down one
// attempt goes out as a probe (half-open); an answer closes the circuit, silence opens it again
// with twice the cool-down (at most `maxCooldownMs`). An endpoint that answers, even with an error,
// stays closed: its attempts are quick and follow the retry schedule.
#include <QtGlobal>

namespace gw::worker {

class CircuitBreaker
{
public:
    enum class Gate { Send, Probe, Refuse };

    CircuitBreaker(int failures, qint64 cooldownMs, qint64 maxCooldownMs)
        : m_threshold(failures), m_baseCooldownMs(cooldownMs), m_maxCooldownMs(maxCooldownMs),
          m_cooldownMs(cooldownMs)
    {
    }
    // Whether an attempt due now may go out (`nowMs` on a monotonic clock).
    Gate admit(qint64 nowMs);
    // The outcome of an attempt that went out: `answered` when any HTTP response came back.
    void record(bool answered, bool wasProbe, qint64 nowMs);

    bool closed() const { return m_state == State::Closed; }
    int silentInARow() const { return m_silent; }
    qint64 msUntilProbe(qint64 nowMs) const { return qMax<qint64>(0, m_openUntilMs - nowMs); }

private:
    enum class State { Closed, Open, HalfOpen };
    void open(qint64 nowMs);

    int m_threshold;
    qint64 m_baseCooldownMs;
    qint64 m_maxCooldownMs;
    qint64 m_cooldownMs;
    State m_state = State::Closed;
    int m_silent = 0;
    qint64 m_openUntilMs = 0;
};

} // namespace gw::worker
