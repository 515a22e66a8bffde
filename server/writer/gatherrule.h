#pragma once
// When an idle payment writer takes what is queued (PaymentWriter's group commit), so that
// batches grow with the load without adding latency when the server is idle:
// - no other writer busy (or the process stopping): at once, whatever is queued;
// - another writer busy with its statement: it gathers until the queue holds kWorthwhileBatch,
//   or the oldest queued item has waited `maxWait` (PAYMENT_WRITER_GATHER_MS), or the busy
//   writer finishes (that writer then takes the queue itself, and this one goes on waiting).
// So on a quiet machine the creates that arrive during one statement become the next statement
// (a pipeline of one statement at a time), and a second statement runs beside the first only
// when the queue is worth it or the first takes longer than the bound.
// Why not PostgreSQL's commit_delay/commit_siblings: it sleeps a fixed delay before each WAL
// flush whenever enough other transactions are open, whether or not any more arrive, and only
// shares the flush; the executor start-up and the round trip are still paid per statement. Here
// the wait ends as soon as the busy writer's statement does (the point after which waiting buys
// nothing) or the batch is worth a statement, and bigger statements share all their fixed cost.
// Pure: PaymentWriter reads the clock and its queue, under its mutex.
#include <QtGlobal>
#include <chrono>

namespace gw::http {

class GatherRule
{
public:
    // Enough creates to pay a statement's fixed cost (executor start-up, commit, WAL flush) a
    // small share each: a batch this large starts even while another writer is busy.
    static constexpr qsizetype kWorthwhileBatch = 16;

    struct Queue
    {
        qsizetype queued = 0;                    // items waiting, at least one
        std::chrono::nanoseconds oldestWaited{}; // since the oldest was handed over
        int busyWriters = 0;                     // other writers writing a batch now
        bool stopping = false;
    };

    explicit GatherRule(std::chrono::milliseconds maxWait) : m_maxWait(maxWait) {}

    // How much longer an idle writer waits before it takes the queue: zero or less, now. The
    // busy writer's end or the worthwhile batch may end the wait earlier (wakeOnArrival).
    std::chrono::nanoseconds waitBeforeTaking(const Queue &q) const;

    // Whether handing over one more item (the queue now holds `queued`) wakes an idle writer:
    // the first must be taken at once or start a gatherer's clock, the worthwhile one ends the
    // gathering; the ones between change nothing, and waking for them would cost a context
    // switch each.
    static bool wakeOnArrival(qsizetype queued)
    {
        return queued == 1 || queued == kWorthwhileBatch;
    }

private:
    std::chrono::milliseconds m_maxWait;
};

} // namespace gw::http
