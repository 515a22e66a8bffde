#pragma once
// The state changes of payment and refund jobs, each conditional on the state it expects
// (pending), so a job that runs twice changes nothing the second time. Each call is one
// transaction for a whole batch, a few statements whatever its size: the state changes, their
// events (EventBatch) and the job rows marked done commit together.
//
// A payment inserted with events_pending (migration 035) has not had its payment.created and
// payment.pending events written: the first transaction that takes its job (announcePayments when
// the worker receives it, or completePayments at the latest) writes them and clears the flag under
// the row's lock, so they are written once, and before the outcome's event. A completion looks
// only at the payments it is not told were announced.
#include "core/job.h"
#include "core/payment.h"
#include "core/paymentoutcome.h"
#include "core/refund.h"
#include "core/result.h"
#include "store/connection.h"
#include "store/eventbatch.h"

#include <QList>

namespace gw::store {

struct PaymentTask
{
    QString jobId;
    QString paymentId;
    double draw = 0; // uniform in [0, 1): the payment succeeds when draw < its method's probability
    // An announcement of the payment committed (announcePayments): whatever was owed is written
    // and the flag never comes back, so the completion does not look for owed events again.
    bool announced = false;
};

struct RefundTask
{
    QString jobId;
    QString refundId;
};

// What a batch changed: the objects that moved out of pending now (a job whose object had moved
// before is simply done), and the webhook jobs to push after commit.
struct ProcessingResult
{
    QList<Payment> payments;
    QList<Refund> refunds;
    QList<JobRef> webhookJobs;
};

class ProcessingStore
{
public:
    explicit ProcessingStore(Connection &c) : m_c(c) {}
    // The created and pending events still owed for these payments; webhookJobs only.
    Result<ProcessingResult> announcePayments(const QStringList &paymentIds);
    // The outcomes core's rule decides (core/paymentoutcome.h) for the payments still pending.
    Result<ProcessingResult> completePayments(const QList<PaymentTask> &tasks,
                                              const SuccessOdds &odds);
    Result<ProcessingResult> completeRefunds(const QList<RefundTask> &tasks);
    // Inside the caller's transaction: the payment.failed events of payments failed outside a
    // job (a migration's fix), after any created / pending events still owed; their webhook jobs
    // are left to the sweeper.
    OkOrError writeFailedEvents(const QStringList &paymentIds);

private:
    OkOrError addOwedEvents(const QStringList &paymentIds, EventBatch &events);
    // The tasks' payments still pending, their orders locked until the commit.
    Result<QList<OutcomeInput>> lockPendingPayments(const QList<PaymentTask> &tasks);

    Connection &m_c;
};

} // namespace gw::store
