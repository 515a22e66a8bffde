#pragma once
// How a pending payment ends, decided for a batch: the rule the worker applies and the store only
// writes. A test key's documented test instrument (core/testinstruments.h) ends as documented;
// any other payment succeeds when its draw is under its method's odds. Of the payments of one
// order only one can pay it: an order paid already fails them all with ORDER_ALREADY_PAID, and
// otherwise the first that succeeds (in payment id order) pays it and the others of its order
// fail with ORDER_ALREADY_PAID, whatever their own draw.
#include "core/enums.h"

#include <QList>
#include <QString>

namespace gw {

struct SuccessOdds
{
    double upi = 0.90;
    double card = 0.95;
    // Payments of test keys with a documented test VPA or card end as documented instead; off
    // under TEST_MODE, where the odds above decide every payment.
    bool testInstruments = false;
};

// A pending payment as the store read it, with its order locked.
struct OutcomeInput
{
    QString paymentId;
    QString orderId;
    bool orderPaid = false; // the order was paid when it was locked
    bool livemode = false;  // its merchant's mode: a live key's payment is never forced
    PaymentMethod method = PaymentMethod::Upi;
    QString vpa;
    QString cardNetwork;
    QString cardLast4;
    double draw = 0; // uniform in [0, 1)
};

struct PaymentOutcome
{
    QString paymentId;
    bool success = false;
    QString errorCode; // empty on success
    QString errorDescription;
};

// One outcome per distinct payment id, in the order of first appearance; a payment listed twice
// is decided by its first entry.
QList<PaymentOutcome> decidePaymentOutcomes(const QList<OutcomeInput> &payments,
                                            const SuccessOdds &odds);

} // namespace gw
