// Money as operators read and type it: paise shown as rupees, typed rupees parsed back exactly,
// and anything that is not a plain amount refused rather than guessed.
#include "console/money.h"

#include <QTest>

using gw::console::Money;

class TestMoney : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void format_data()
    {
        QTest::addColumn<qint64>("paise");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("text");
        QTest::addRow("zero") << qint64(0) << "INR"
                              << "₹0.00";
        QTest::addRow("paise only") << qint64(5) << "INR"
                                    << "₹0.05";
        QTest::addRow("thousands") << qint64(123456) << "INR"
                                   << "₹1,234.56";
        QTest::addRow("millions") << qint64(9876543210) << "INR"
                                  << "₹98,765,432.10";
        QTest::addRow("negative") << qint64(-250) << "INR"
                                  << "-₹2.50";
        QTest::addRow("other currency") << qint64(1999) << "USD"
                                        << "USD 19.99";
    }
    void format()
    {
        QFETCH(qint64, paise);
        QFETCH(QString, currency);
        QFETCH(QString, text);
        QCOMPARE(Money::format(paise, currency), text);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("paise"); // -1: refused
        QTest::addRow("whole") << "12" << qint64(1200);
        QTest::addRow("one decimal") << "12.5" << qint64(1250);
        QTest::addRow("two decimals") << "120.50" << qint64(12050);
        QTest::addRow("grouping") << "1,234.56" << qint64(123456);
        QTest::addRow("symbol and spaces") << " ₹ 99.99 " << qint64(9999);
        QTest::addRow("zero") << "0" << qint64(0);
        QTest::addRow("three decimals") << "12.345" << qint64(-1);
        QTest::addRow("negative") << "-5" << qint64(-1);
        QTest::addRow("letters") << "12abc" << qint64(-1);
        QTest::addRow("empty") << "" << qint64(-1);
        QTest::addRow("exponent") << "1e3" << qint64(-1);
        QTest::addRow("too long") << "12345678901234" << qint64(-1);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, paise);
        const auto parsed = Money::parse(text);
        QCOMPARE(parsed.has_value(), paise >= 0);
        if (parsed)
            QCOMPARE(*parsed, paise);
    }

    void plainRoundTrips()
    {
        for (qint64 v : {qint64(0), qint64(7), qint64(100), qint64(37950), qint64(123456789)})
            QCOMPARE(Money::parse(Money::plain(v)).value_or(-1), v);
    }
};

QTEST_APPLESS_MAIN(TestMoney)
#include "tst_money.moc"
