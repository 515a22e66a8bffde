#pragma once
// Settings of the worker's database session. Its batched statements run a few times a second
// with arrays of hundreds of ids; a generic plan cached in the first seconds (tables nearly
// empty) kept seq-scanning webhook_logs at every claim once the backlog grew (0.3–1.4 s a claim
// in bench/end-to-end). Planning each execution for its actual values and table sizes costs
// well under a millisecond a batch.
#include "core/result.h"
#include "store/connection.h"

namespace gw::store {

class WorkerSession
{
public:
    explicit WorkerSession(Connection &c) : m_c(c) {}
    // Applies the settings once per database session (again after a reconnect).
    Status apply();

private:
    Connection &m_c;
    const pg_conn *m_appliedOn = nullptr;
    int m_appliedPid = 0; // the session's backend: a new connection may reuse the address
};

} // namespace gw::store
