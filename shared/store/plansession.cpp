#include "store/plansession.h"

#include "store/sql.h"

#include <libpq-fe.h>

namespace gw::store {

OkOrError PlanSession::apply()
{
    if (auto s = m_c.ensureOpen(); !s)
        return s;
    if (m_c.pg() == m_appliedOn && m_appliedOn && PQbackendPID(m_c.pg()) == m_appliedPid)
        return Ok{};
    auto q = exec(m_c, m_plans == Plans::Custom
                           ? QStringLiteral("SET plan_cache_mode = force_custom_plan")
                           : QStringLiteral("SET plan_cache_mode = force_generic_plan"));
    if (!q)
        return q.error();
    m_appliedOn = m_c.pg();
    m_appliedPid = m_appliedOn ? PQbackendPID(m_c.pg()) : 0;
    ++m_sessions;
    return Ok{};
}

} // namespace gw::store
