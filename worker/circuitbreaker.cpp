#include "worker/circuitbreaker.h"

namespace gw::worker {

CircuitBreaker::Gate CircuitBreaker::admit(qint64 nowMs)
{
    switch (m_state) {
    case State::Closed:
        return Gate::Send;
    case State::Open:
        if (nowMs < m_openUntilMs)
            return Gate::Refuse;
        m_state = State::HalfOpen; // one probe at a time
        return Gate::Probe;
    case State::HalfOpen:
        break;
    }
    return Gate::Refuse;
}

void CircuitBreaker::record(bool answered, bool wasProbe, qint64 nowMs)
{
    if (answered) {
        m_state = State::Closed;
        m_silent = 0;
        m_cooldownMs = m_baseCooldownMs;
        return;
    }
    ++m_silent;
    if (wasProbe && m_state == State::HalfOpen) {
        m_cooldownMs = qMin(m_cooldownMs * 2, m_maxCooldownMs);
        open(nowMs);
    } else if (m_state == State::Closed && m_silent >= m_threshold) {
        open(nowMs);
    }
}

void CircuitBreaker::open(qint64 nowMs)
{
    m_state = State::Open;
    m_openUntilMs = nowMs + m_cooldownMs;
}

} // namespace gw::worker
