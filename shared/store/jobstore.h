#pragma once
// Queued work from the worker's side: the sweepers' queries for what Redis may have lost or never
// got (freshly due ones, once each; overdue ones, again and again), and marking jobs done. Queued
// work is a queued row of `jobs` (payments, refunds) or a delivery log that is due (pending with
// a next_retry_at, index webhook_logs_due: a delivery has no jobs row, migration 072), answered
// as its deliveryJob.
#include "core/job.h"
#include "core/result.h"
#include "store/connection.h"

#include <QList>
#include <QStringList>

namespace gw::store {

// Where the sweep of freshly due jobs stopped: the (run_at, id) of the last job it looked at, as
// PostgreSQL's text of the timestamp (exact to the microsecond). Starts before everything.
struct SweepCursor
{
    QString runAt = QStringLiteral("-infinity");
    QString id;
};

class JobStore
{
public:
    explicit JobStore(Connection &c) : m_c(c) {}
    // Queued jobs and due logs whose time passed more than olderThanSeconds ago, oldest first.
    Result<QList<JobRef>> overdue(int olderThanSeconds, int limit);
    // Queued jobs and due logs due at least olderThanMs ago and after the cursor (but within
    // horizonSeconds: older ones are the overdue sweep's), in (time, id) order, at most limit;
    // moves the cursor past them, or up to now - olderThanMs when fewer than limit were left.
    // Each is returned once, unless its transaction committed more than olderThanMs after it
    // started.
    Result<QList<JobRef>> dueSince(SweepCursor &cursor, int olderThanMs, int horizonSeconds,
                                   int limit);
    // Marks the jobs done (those still queued); part of the caller's transaction.
    OkOrError markDone(const QStringList &jobIds);

private:
    Connection &m_c;
};

// The UPDATE that marks the jobs bound as one array done (those still queued): markDone runs it,
// and a statement that marks its batch's jobs itself has it filled in for {jobs_done}
// (statements.h).
QString jobsDoneStatement();

} // namespace gw::store
