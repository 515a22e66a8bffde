#include "core/paymentoutcome.h"

#include "core/testinstruments.h"

#include <QHash>
#include <QSet>

namespace gw {

namespace {
const QString kDeclinedCode = QStringLiteral("PAYMENT_FAILED");
const QString kDeclinedText = QStringLiteral("Payment was declined by the bank");
const QString kPaidCode = QStringLiteral("ORDER_ALREADY_PAID");
const QString kPaidText = QStringLiteral("The order was already paid by another payment");

const TestInstrument *forcedBy(const OutcomeInput &p)
{
    for (const TestInstrument &t : testInstruments()) {
        if (t.method != p.method)
            continue;
        const bool upi = t.method == PaymentMethod::Upi;
        if (upi ? p.vpa.toLower() == t.identifier
                : p.cardNetwork == t.cardNetwork && p.cardLast4 == t.cardLast4)
            return &t;
    }
    return nullptr;
}

// The payment's own result, before its order has a say.
PaymentOutcome ownOutcome(const OutcomeInput &p, const SuccessOdds &odds)
{
    const TestInstrument *t = odds.testInstruments && !p.livemode ? forcedBy(p) : nullptr;
    if (t && !t->succeeds)
        return {p.paymentId, false, t->errorCode.isEmpty() ? kDeclinedCode : t->errorCode,
                t->errorDescription.isEmpty() ? kDeclinedText : t->errorDescription};
    if (t || p.draw < (p.method == PaymentMethod::Upi ? odds.upi : odds.card))
        return {p.paymentId, true, {}, {}};
    return {p.paymentId, false, kDeclinedCode, kDeclinedText};
}
} // namespace

QList<PaymentOutcome> decidePaymentOutcomes(const QList<OutcomeInput> &payments,
                                            const SuccessOdds &odds)
{
    QList<PaymentOutcome> out;
    QList<QString> orders; // each payment's order, by index in out
    QSet<QString> seen;
    QHash<QString, QString> winner; // order → the payment that pays it
    for (const OutcomeInput &p : payments) {
        if (seen.contains(p.paymentId))
            continue;
        seen.insert(p.paymentId);
        out.append(ownOutcome(p, odds));
        orders.append(p.orderId);
        if (p.orderPaid)
            winner.insert(p.orderId, QString()); // paid before: nobody in this batch pays it
        else if (out.last().success) {
            const auto w = winner.find(p.orderId);
            if (w == winner.end())
                winner.insert(p.orderId, p.paymentId);
            else if (!w->isNull() && p.paymentId < *w)
                *w = p.paymentId;
        }
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        const auto w = winner.constFind(orders.at(i));
        if (w != winner.constEnd() && *w != out.at(i).paymentId)
            out[i] = {out.at(i).paymentId, false, kPaidCode, kPaidText};
    }
    return out;
}

} // namespace gw
