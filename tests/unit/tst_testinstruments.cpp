// The documented test instruments without a server: every test card is a number the API accepts
// (Luhn, the network it says), every test VPA one it accepts, failures carry a code and a
// sentence.
#include "core/cardcheck.h"
#include "core/testinstruments.h"

#include <QSet>
#include <QTest>

using namespace gw;

class TestTestInstruments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyInstrument_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < testInstruments().size(); ++i)
            QTest::addRow("%s", qPrintable(testInstruments().at(i).identifier)) << i;
    }

    void everyInstrument()
    {
        QFETCH(int, index);
        const TestInstrument &t = testInstruments().at(index);
        if (t.method == PaymentMethod::Card) {
            const QString digits = cardcheck::normalizedNumber(t.identifier);
            QVERIFY(cardcheck::isValidNumber(digits));
            QCOMPARE(cardcheck::network(digits), t.cardNetwork);
            QCOMPARE(t.cardLast4, digits.right(4));
        } else {
            QCOMPARE(t.method, PaymentMethod::Upi);
            QVERIFY(cardcheck::isValidVpa(t.identifier));
            QVERIFY(t.cardNetwork.isEmpty() && t.cardLast4.isEmpty());
        }
        // A failure says why; a success has nothing to say.
        QCOMPARE(t.errorCode.isEmpty(), t.succeeds);
        QCOMPARE(t.errorDescription.isEmpty(), t.succeeds);
        QVERIFY2(t.succeeds || t.errorDescription.contains(t.identifier.left(4)),
                 qPrintable(t.errorDescription));
    }

    void eachIsOneWay()
    {
        QSet<QString> seen;
        for (const TestInstrument &t : testInstruments()) {
            const QString key =
                t.method == PaymentMethod::Card ? t.cardNetwork + u'/' + t.cardLast4 : t.identifier;
            QVERIFY2(!seen.contains(key), qPrintable(key + QStringLiteral(" twice")));
            seen.insert(key); // cards are matched by network and last four digits only
        }
    }
};

QTEST_MAIN(TestTestInstruments)
#include "tst_testinstruments.moc"
