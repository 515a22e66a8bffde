#include "server/writer/gatherrule.h"

namespace gw::http {

std::chrono::nanoseconds GatherRule::waitBeforeTaking(const Queue &q) const
{
    if (q.stopping || q.busyWriters == 0 || q.queued >= kWorthwhileBatch)
        return std::chrono::nanoseconds::zero();
    return m_maxWait - q.oldestWaited;
}

} // namespace gw::http
