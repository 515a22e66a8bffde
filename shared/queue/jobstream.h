#pragma once
// The consumer side of the job queue (see jobqueue.h for the keys): read entries through the
// consumer group, reclaim entries whose worker went quiet for longer than the visibility timeout,
// keep held entries fresh, settle entries (finish, delay, release), and move due delayed jobs
// into the stream. Synchronous; owned by one thread.
#include "core/job.h"
#include "queue/redisclient.h"

#include <QList>

namespace gw::queue {

// One stream entry delivered to this worker.
struct QueuedJob
{
    QByteArray entryId; // stream entry id, e.g. "1705315870000-0"
    JobRef job;
};

// What to do with a held entry once its handler is through with it.
struct Settlement
{
    enum class Action {
        Finish,  // the job is done: ack, forget the job id
        Delay,   // run the job again at dueMs (webhook retry, or not yet due): delayed set, ack
        Release, // give the job back at once (shutdown): re-append it, ack the old entry
        Drop,    // ack this entry only; the job lives on elsewhere (duplicate entry)
    };
    QByteArray entryId;
    JobRef job;
    Action action = Action::Finish;
    qint64 dueMs = 0;          // Delay only
    QList<QByteArray> metrics; // gw:metrics fields to increment
    QByteArray stat;           // gw:jobs:stats field to increment ("completed"/"failed")
};

class JobStream
{
public:
    JobStream(RedisClient &redis, QByteArray consumer)
        : m_redis(redis), m_consumer(std::move(consumer))
    {
    }

    // Creates the consumer group (from the stream's start) if it does not exist yet.
    OkOrError ensureGroup();
    // How often the group had vanished (Redis restarted without its data) and was made again:
    // whatever the stream held is gone, so the committed jobs must be pushed again.
    quint64 groupsRemade() const { return m_groupsRemade; }
    // New entries for this consumer; waits up to blockMs when there are none (0: do not wait).
    Result<QList<QueuedJob>> read(int count, int blockMs);
    // Entries idle for at least minIdleMs in any consumer, now owned by this one.
    Result<QList<QueuedJob>> reclaim(int minIdleMs, int count);
    // Resets the idle time of entries this worker still works on (extends their visibility).
    OkOrError touch(const QList<QByteArray> &entryIds);
    OkOrError settle(const QList<Settlement> &settlements);
    // Moves delayed jobs due by nowMs into the stream; returns how many moved.
    Result<int> promoteDue(qint64 nowMs, int limit);

private:
    Result<QList<QueuedJob>> withGroup(const QList<QByteArray> &command, bool autoclaim);

    RedisClient &m_redis;
    QByteArray m_consumer;
    QByteArray m_claimCursor = "0-0";
    quint64 m_groupsRemade = 0;
};

// Parses [[id, [field, value, …]], …] stream entries; entries without a valid job are skipped.
QList<QueuedJob> parseEntries(const QVariantList &entries);

} // namespace gw::queue
