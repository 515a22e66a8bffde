#pragma once
// The jobs table from the worker's side: the sweeper's query for queued jobs that are overdue
// (Redis lost them or never got them), and marking jobs done.
#include "core/job.h"
#include "core/result.h"
#include "store/connection.h"

#include <QList>
#include <QStringList>

namespace gw::store {

class JobStore
{
public:
    explicit JobStore(Connection &c) : m_c(c) {}
    // Queued jobs whose run_at passed more than olderThanSeconds ago, oldest first.
    Result<QList<JobRef>> overdue(int olderThanSeconds, int limit);
    // Marks the jobs done (those still queued); part of the caller's transaction.
    Status markDone(const QStringList &jobIds);

private:
    Connection &m_c;
};

} // namespace gw::store
