#pragma once
// A payment's outcome written the way the worker writes it (store::ProcessingStore: the status,
// the order paid on success, the outcome event and any events still owed, the job marked done, in
// one transaction), for suites that need a successful or failed payment without running a worker.
// The money's invariants hold after it, as they do after the worker. Header-only.
#include "store/connection.h"
#include "store/processingstore.h"
#include "store/sql.h"
#include "support/teststack.h"

namespace gw::test {

// Ends the pending payment `paymentId` (made through the API, so with its queued job) as a
// success, or a failure. Empty, or what went wrong.
inline QString completePayment(TestStack &stack, const QString &paymentId, bool succeed = true)
{
    store::Connection c(stack.database(), QStringLiteral("test-outcome"));
    auto job = store::exec(c,
                           QStringLiteral("SELECT id FROM jobs WHERE kind = 'payment' AND"
                                          " subject_id = ? AND state = 'queued'"),
                           {paymentId});
    if (!job || !job->next())
        return QStringLiteral("no queued job for payment ") + paymentId;
    const double odds = succeed ? 1.0 : 0.0; // the draw below is under 1 and not under 0
    auto done = store::ProcessingStore(c).completePayments(
        {{job->value(0).toString(), paymentId, 0.5}}, {odds, odds, false});
    if (!done)
        return done.error().description;
    return done->payments.size() == 1 ? QString()
                                      : QStringLiteral("payment %1 was not pending").arg(paymentId);
}

} // namespace gw::test
