// A payment's JSON written from its cut template (paymentJson, paymentEventData) is byte for byte
// canonicalJson(payment.toJson()), the bytes the events carried before, for both methods, both
// outcomes, values that need escaping, times not set and integers beyond a double's exact range.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/canonicaljson.h"
#include "core/payment.h"
#include "store/paymentjson.h"

#include <QJsonObject>
#include <QTest>

using namespace gw;

Q_DECLARE_METATYPE(gw::Payment)

namespace {
Payment upi()
{
    Payment p;
    p.id = "pay_0123456789abcdef";
    p.orderId = "order_0123456789abcdef";
    p.merchantId = "mer_1";
    p.amount = 50000;
    p.method = PaymentMethod::Upi;
    p.vpa = "user@bank";
    p.status = PaymentStatus::Success;
    p.createdAt = QDateTime::fromMSecsSinceEpoch(1796635062250, Qt::UTC);
    p.updatedAt = QDateTime::fromMSecsSinceEpoch(1796635063007, Qt::UTC);
    return p;
}

Payment card()
{
    Payment p = upi();
    p.method = PaymentMethod::Card;
    p.vpa.clear();
    p.cardNetwork = "visa";
    p.cardLast4 = "4242";
    return p;
}
} // namespace

class TestPaymentJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameBytes_data()
    {
        QTest::addColumn<Payment>("payment");
        QTest::addRow("upi success") << upi();
        QTest::addRow("card success") << card();
        Payment failed = card();
        failed.status = PaymentStatus::Failed;
        failed.errorCode = "PAYMENT_FAILED";
        failed.errorDescription = "The bank declined \"it\"\n\tagain \\ ₹ 😀";
        failed.livemode = true;
        QTest::addRow("card failed, escapes, live") << failed;
        Payment pending = upi();
        pending.status = PaymentStatus::Pending;
        pending.captured = true;
        pending.amountRefunded = 1200;
        pending.currency = "USD";
        pending.vpa = QString("a\x01") + QChar(0xd800) + "b"; // a control and a lone surrogate
        QTest::addRow("upi pending, captured, refunded, odd vpa") << pending;
        Payment unset = upi();
        unset.createdAt = QDateTime();
        unset.updatedAt = QDateTime();
        unset.vpa = QString();
        unset.currency = "";
        unset.amount = 0;
        QTest::addRow("times not set, empty strings, zero") << unset;
        Payment huge = card();
        huge.amount = 9007199254740993LL; // beyond 2^53: written as a double is
        huge.amountRefunded = -5;
        QTest::addRow("integers beyond 2^53, negative") << huge;
        Payment offset = upi();
        offset.createdAt = QDateTime::fromMSecsSinceEpoch(1796635062250, Qt::OffsetFromUTC, 19800);
        QTest::addRow("a time not in UTC") << offset;
    }

    void sameBytes()
    {
        QFETCH(Payment, payment);
        QCOMPARE(store::paymentJson(payment), canonicalJson(payment.toJson()));
        QCOMPARE(store::paymentEventData(payment),
                 canonicalJson(QJsonObject{{"payment", payment.toJson()}}));
    }
};

QTEST_MAIN(TestPaymentJson)
#include "tst_paymentjson.moc"
