#pragma once
// The money's invariants (issue 22), each one query over the whole database that returns what
// breaks it: no order with two successful payments (a duplicate from before one live payment per
// order, refunded in full, is excused); an order is paid exactly when it has a successful
// payment; no payment's refunds add up to more than its amount; amount_refunded equals its
// processed refunds; a payment has exactly one payment.success or payment.failed event, matching
// its status, once it is final, and none before; a processed refund exactly one refund.processed
// event, a pending one none; no job lost (every pending payment or refund has a queued job).
// Used by `gateway-admin check` and by the test stack at the end of every suite.
#include "core/result.h"
#include "store/connection.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gw::store {

struct Violation
{
    QString invariant; // its short name, e.g. "one-success-per-order"
    QString subject;   // the order, payment or refund that breaks it
    QString detail;    // what was found
};

class MoneyChecks
{
public:
    explicit MoneyChecks(Connection &c) : m_c(c) {}
    // The invariants' names, in the order they are checked.
    static QStringList invariants();
    // Every violation (at most 100 per invariant), in that order; empty when all hold.
    Result<QList<Violation>> run();

private:
    Connection &m_c;
};

} // namespace gw::store
