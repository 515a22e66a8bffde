#pragma once
// The simulator test keys get outside TEST_MODE: documented VPAs and cards that always end the
// same way, as merchants know them from Stripe and Razorpay. A live key's payment is never forced,
// whatever it pays with; under TEST_MODE every payment follows TEST_PAYMENT_SUCCESS instead.
// The README lists these; cards are matched by network and last four digits (all that is stored).
#include "core/enums.h"

#include <QList>
#include <QString>

namespace gw {

struct TestInstrument
{
    PaymentMethod method = PaymentMethod::Upi;
    QString identifier; // the VPA, or the card number as a merchant types it
    QString cardNetwork;
    QString cardLast4;
    bool succeeds = true;
    QString errorCode; // when it fails
    QString errorDescription;
};

const QList<TestInstrument> &testInstruments();

} // namespace gw
