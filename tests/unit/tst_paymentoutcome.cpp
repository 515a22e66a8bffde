// The payment outcome rule without a database: the draw against each method's odds, the test
// instruments of test keys (never of live keys, never under TEST_MODE), and one payment per order:
// a paid order fails the rest with ORDER_ALREADY_PAID.
#include "core/paymentoutcome.h"

#include <QTest>

using namespace gw;

Q_DECLARE_METATYPE(gw::OutcomeInput)
Q_DECLARE_METATYPE(gw::SuccessOdds)

namespace {
OutcomeInput upi(const char *id, const char *vpa, double draw, const char *order = "ord_1")
{
    OutcomeInput p;
    p.paymentId = QLatin1StringView(id);
    p.orderId = QLatin1StringView(order);
    p.method = PaymentMethod::Upi;
    p.vpa = QLatin1StringView(vpa);
    p.draw = draw;
    return p;
}

OutcomeInput card(const char *id, const char *network, const char *last4, double draw,
                  const char *order = "ord_1")
{
    OutcomeInput p;
    p.paymentId = QLatin1StringView(id);
    p.orderId = QLatin1StringView(order);
    p.method = PaymentMethod::Card;
    p.cardNetwork = QLatin1StringView(network);
    p.cardLast4 = QLatin1StringView(last4);
    p.draw = draw;
    return p;
}

OutcomeInput live(OutcomeInput p)
{
    p.livemode = true;
    return p;
}

OutcomeInput paidOrder(OutcomeInput p)
{
    p.orderPaid = true;
    return p;
}

const SuccessOdds kOdds{0.90, 0.95, true};
const SuccessOdds kTestMode{1.0, 1.0, false};
const SuccessOdds kTestModeFail{0.0, 0.0, false};
} // namespace

class TestPaymentOutcome : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onePayment_data()
    {
        QTest::addColumn<OutcomeInput>("payment");
        QTest::addColumn<SuccessOdds>("odds");
        QTest::addColumn<bool>("success");
        QTest::addColumn<QString>("code");

        const QString declined = QStringLiteral("PAYMENT_FAILED");
        const QString paid = QStringLiteral("ORDER_ALREADY_PAID");
        QTest::newRow("upi under its odds") << upi("pay_a", "a@b", 0.89) << kOdds << true << "";
        QTest::newRow("upi at its odds") << upi("pay_a", "a@b", 0.90) << kOdds << false << declined;
        QTest::newRow("card under its odds")
            << card("pay_a", "visa", "1111", 0.94) << kOdds << true << "";
        QTest::newRow("card at its odds")
            << card("pay_a", "visa", "1111", 0.95) << kOdds << false << declined;
        QTest::newRow("test vpa succeeds")
            << upi("pay_a", "success@test", 0.99) << kOdds << true << "";
        QTest::newRow("test vpa, any case")
            << upi("pay_a", "Insufficient@Test", 0.0) << kOdds << false << "INSUFFICIENT_FUNDS";
        QTest::newRow("test vpa fails")
            << upi("pay_a", "failure@test", 0.0) << kOdds << false << declined;
        QTest::newRow("test card succeeds")
            << card("pay_a", "visa", "4242", 0.99) << kOdds << true << "";
        QTest::newRow("test card declined")
            << card("pay_a", "visa", "0002", 0.0) << kOdds << false << "CARD_DECLINED";
        QTest::newRow("test last4, other network")
            << card("pay_a", "mastercard", "0002", 0.0) << kOdds << true << "";
        QTest::newRow("live key: test card not forced")
            << live(card("pay_a", "visa", "0002", 0.0)) << kOdds << true << "";
        QTest::newRow("live key: test vpa not forced")
            << live(upi("pay_a", "success@test", 0.99)) << kOdds << false << declined;
        QTest::newRow("TEST_MODE success beats a failing instrument")
            << upi("pay_a", "failure@test", 0.99) << kTestMode << true << "";
        QTest::newRow("TEST_MODE failure beats a succeeding instrument")
            << card("pay_a", "visa", "4242", 0.0) << kTestModeFail << false << declined;
        QTest::newRow("order paid before")
            << paidOrder(upi("pay_a", "success@test", 0.0)) << kOdds << false << paid;
        QTest::newRow("order paid before, declined anyway")
            << paidOrder(upi("pay_a", "a@b", 0.99)) << kOdds << false << paid;
    }

    void onePayment()
    {
        QFETCH(OutcomeInput, payment);
        QFETCH(SuccessOdds, odds);
        QFETCH(bool, success);
        QFETCH(QString, code);
        const QList<PaymentOutcome> out = decidePaymentOutcomes({payment}, odds);
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.at(0).paymentId, payment.paymentId);
        QCOMPARE(out.at(0).success, success);
        QCOMPARE(out.at(0).errorCode, code);
        QCOMPARE(out.at(0).errorDescription.isEmpty(), success); // a failure says why
    }

    // Several payments of one order in a batch: the first that succeeds, by id, pays it.
    void oneOrderPaidOnce_data()
    {
        QTest::addColumn<QList<OutcomeInput>>("payments");
        QTest::addColumn<QStringList>("codes"); // per payment, in the input's order; "" = success

        const QString paid = QStringLiteral("ORDER_ALREADY_PAID");
        const QString declined = QStringLiteral("PAYMENT_FAILED");
        QTest::newRow("two succeed: the lower id pays")
            << QList<OutcomeInput>{upi("pay_b", "a@b", 0.1), upi("pay_a", "a@b", 0.1)}
            << QStringList{paid, {}};
        QTest::newRow("a declined one is still refused once the order is paid")
            << QList<OutcomeInput>{upi("pay_a", "a@b", 0.99), upi("pay_b", "a@b", 0.1)}
            << QStringList{paid, {}};
        QTest::newRow("none succeeds: each declined")
            << QList<OutcomeInput>{upi("pay_a", "a@b", 0.99), upi("pay_b", "a@b", 0.99)}
            << QStringList{declined, declined};
        QTest::newRow("other orders are apart")
            << QList<OutcomeInput>{upi("pay_a", "a@b", 0.1, "ord_1"),
                                   upi("pay_b", "a@b", 0.1, "ord_2"),
                                   upi("pay_c", "a@b", 0.1, "ord_1")}
            << QStringList{{}, {}, paid};
        QTest::newRow("paid before: all refused")
            << QList<OutcomeInput>{paidOrder(upi("pay_a", "a@b", 0.1)),
                                   paidOrder(upi("pay_b", "a@b", 0.99))}
            << QStringList{paid, paid};
    }

    void oneOrderPaidOnce()
    {
        QFETCH(QList<OutcomeInput>, payments);
        QFETCH(QStringList, codes);
        const QList<PaymentOutcome> out = decidePaymentOutcomes(payments, kOdds);
        QCOMPARE(out.size(), payments.size());
        for (qsizetype i = 0; i < out.size(); ++i) {
            QCOMPARE(out.at(i).paymentId, payments.at(i).paymentId);
            QCOMPARE(out.at(i).errorCode, codes.at(i));
            QCOMPARE(out.at(i).success, codes.at(i).isEmpty());
        }
    }

    void aPaymentTwiceIsDecidedOnce()
    {
        const QList<PaymentOutcome> out =
            decidePaymentOutcomes({upi("pay_a", "a@b", 0.1), upi("pay_a", "a@b", 0.99)}, kOdds);
        QCOMPARE(out.size(), 1);
        QVERIFY(out.at(0).success); // its first entry's draw; it does not refuse itself
    }
};

QTEST_MAIN(TestPaymentOutcome)
#include "tst_paymentoutcome.moc"
