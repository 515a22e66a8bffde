#pragma once
// How a session's prepared statements are planned, set once per database session (again after
// a reconnect).
// - Custom (the worker): its batched statements run a few times a second with arrays of hundreds
//   of ids; a generic plan cached in the first seconds (tables nearly empty) kept seq-scanning
//   webhook_logs at every claim once the backlog grew (0.3–1.4 s a claim in bench/end-to-end).
//   Planning each execution for its actual values costs well under a millisecond a batch.
// - Generic (the payment writer): one statement thousands of times a second whose lookups are
//   pinned to primary keys (LATERAL … OFFSET 0); left to choose, PostgreSQL planned it afresh at
//   every execution, 0.46 ms of its 1.05 ms per batch (pg_stat_statements, bench/README).
#include "core/result.h"
#include "store/connection.h"

namespace gw::store {

class PlanSession
{
public:
    enum class Plans { Custom, Generic };
    PlanSession(Connection &c, Plans plans) : m_c(c), m_plans(plans) {}
    OkOrError apply();
    // How many database sessions apply() has set up so far: a change says the session is a new
    // one (a reconnect, perhaps to another server after a failover).
    int sessions() const { return m_sessions; }

private:
    Connection &m_c;
    Plans m_plans;
    const pg_conn *m_appliedOn = nullptr;
    int m_appliedPid = 0; // the session's backend: a new connection may reuse the address
    int m_sessions = 0;
};

} // namespace gw::store
