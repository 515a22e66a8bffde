// Card and VPA checks without a server: Luhn and length, the network from the number's prefix,
// two- and four-digit expiry years, expiry through the last day of the month, and the shape of a
// UPI address. The numbers and VPAs tst_api_badinput used to send over HTTP are rows here.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/cardcheck.h"

#include <QTest>

using namespace gw;

class TestCardCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalizedNumber_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("digits"); // empty: rejected
        QTest::addRow("plain") << "4111111111111111"
                               << "4111111111111111";
        QTest::addRow("spaces") << "4111 1111 1111 1111"
                                << "4111111111111111";
        QTest::addRow("dashes") << "4111-1111-1111-1111"
                                << "4111111111111111";
        QTest::addRow("dots") << "4111.1111.1111.1111"
                              << "";
        QTest::addRow("letters") << "abcd efgh ijkl mnop"
                                 << "";
        QTest::addRow("one letter") << "411111111111111x"
                                    << "";
        QTest::addRow("empty") << ""
                               << "";
        QTest::addRow("arabic-indic digits") << "\u0664\u0661\u0661\u0661"
                                             << "";
    }

    void normalizedNumber()
    {
        QFETCH(QString, raw);
        QFETCH(QString, digits);
        QCOMPARE(cardcheck::normalizedNumber(raw), digits);
    }

    void isValidNumber_data()
    {
        QTest::addColumn<QString>("digits");
        QTest::addColumn<bool>("valid");
        QTest::addRow("visa 16") << "4111111111111111" << true;
        QTest::addRow("visa 13") << "4222222222222" << true;
        QTest::addRow("mastercard") << "5555555555554444" << true;
        QTest::addRow("amex 15") << "378282246310005" << true;
        QTest::addRow("19 digits") << "4000000000000000006" << true;
        QTest::addRow("luhn off by one") << "4111111111111112" << false;
        QTest::addRow("amex luhn off") << "378282246310006" << false;
        QTest::addRow("4 digits") << "1234" << false;
        QTest::addRow("12 digits") << "411111111111" << false;
        QTest::addRow("20 digits") << "41111111111111111111" << false;
        QTest::addRow("empty") << "" << false;
        QTest::addRow("not digits") << "411111111111111a" << false;
    }

    void isValidNumber()
    {
        QFETCH(QString, digits);
        QFETCH(bool, valid);
        QCOMPARE(cardcheck::isValidNumber(digits), valid);
    }

    void network_data()
    {
        QTest::addColumn<QString>("digits");
        QTest::addColumn<QString>("network");
        QTest::addRow("visa") << "4111111111111111"
                              << "visa";
        QTest::addRow("visa 13") << "4222222222222"
                                 << "visa";
        QTest::addRow("mastercard 51") << "5105105105105100"
                                       << "mastercard";
        QTest::addRow("mastercard 55") << "5555555555554444"
                                       << "mastercard";
        QTest::addRow("mastercard 2221") << "2221000000000009"
                                         << "mastercard";
        QTest::addRow("mastercard 2720") << "2720990000000000"
                                         << "mastercard";
        QTest::addRow("2721 unknown") << "2721000000000000"
                                      << "unknown";
        QTest::addRow("2220 unknown") << "2220000000000000"
                                      << "unknown";
        QTest::addRow("amex 34") << "340000000000009"
                                 << "amex";
        QTest::addRow("amex 37") << "378282246310005"
                                 << "amex";
        QTest::addRow("rupay 60") << "6070000000000000"
                                  << "rupay";
        QTest::addRow("rupay 65") << "6522000000000000"
                                  << "rupay";
        QTest::addRow("rupay 81") << "8100000000000000"
                                  << "rupay";
        QTest::addRow("rupay 82") << "8200000000000000"
                                  << "rupay";
        QTest::addRow("rupay 508") << "5080000000000000"
                                   << "rupay";
        QTest::addRow("50 not 508") << "5090000000000000"
                                    << "unknown";
        QTest::addRow("35 unknown") << "3530111333300000"
                                    << "unknown";
        QTest::addRow("one digit 5") << "5"
                                     << "unknown";
        QTest::addRow("empty") << ""
                               << "unknown";
    }

    void network()
    {
        QFETCH(QString, digits);
        QFETCH(QString, network);
        QCOMPARE(cardcheck::network(digits), network);
    }

    void fullYear_data()
    {
        QTest::addColumn<int>("year");
        QTest::addColumn<int>("full"); // 0: malformed
        QTest::addRow("00") << 0 << 2000;
        QTest::addRow("19") << 19 << 2019;
        QTest::addRow("99") << 99 << 2099;
        QTest::addRow("2020") << 2020 << 2020;
        QTest::addRow("2099") << 2099 << 2099;
        QTest::addRow("1000") << 1000 << 1000;
        QTest::addRow("9999") << 9999 << 9999;
        QTest::addRow("100") << 100 << 0;
        QTest::addRow("209") << 209 << 0;
        QTest::addRow("999") << 999 << 0;
        QTest::addRow("10000") << 10000 << 0;
        QTest::addRow("negative") << -1 << 0;
    }

    void fullYear()
    {
        QFETCH(int, year);
        QFETCH(int, full);
        QCOMPARE(cardcheck::fullYear(year), full);
    }

    void isExpired_data()
    {
        QTest::addColumn<int>("month");
        QTest::addColumn<int>("year");
        QTest::addColumn<bool>("expired");
        // Today is 7 December 2026 in every row.
        QTest::addRow("this month") << 12 << 2026 << false;
        QTest::addRow("last month") << 11 << 2026 << true;
        QTest::addRow("january this year") << 1 << 2026 << true;
        QTest::addRow("january next year") << 1 << 2027 << false;
        QTest::addRow("december last year") << 12 << 2025 << true;
        QTest::addRow("2020") << 12 << 2020 << true;
        QTest::addRow("2019") << 1 << 2019 << true;
        QTest::addRow("2099") << 1 << 2099 << false;
    }

    void isExpired()
    {
        QFETCH(int, month);
        QFETCH(int, year);
        QFETCH(bool, expired);
        QCOMPARE(cardcheck::isExpired(month, year, QDate(2026, 12, 7)), expired);
    }

    void lastDayOfTheMonthIsStillValid()
    {
        QVERIFY(!cardcheck::isExpired(2, 2028, QDate(2028, 2, 29)));
        QVERIFY(cardcheck::isExpired(2, 2028, QDate(2028, 3, 1)));
    }

    void isValidVpa_data()
    {
        QTest::addColumn<QString>("vpa");
        QTest::addColumn<bool>("valid");
        QTest::addRow("short") << "a@b" << true;
        QTest::addRow("all allowed characters") << "Na.me_1-x@ok.Bank_2-y" << true;
        QTest::addRow("255 characters") << QString(251, u'a') + "@upi" << true;
        QTest::addRow("256 characters") << QString(252, u'a') + "@upi" << false;
        QTest::addRow("too long") << QString(300, u'a') + "@upi" << false;
        QTest::addRow("empty") << "" << false;
        QTest::addRow("no at") << "plainaddress" << false;
        QTest::addRow("two ats") << "a@b@c" << false;
        QTest::addRow("no name") << "@bank" << false;
        QTest::addRow("no handle") << "name@" << false;
        QTest::addRow("space") << "na me@bank" << false;
        QTest::addRow("non-ascii letter") << "n\u00e4me@upi" << false;
        QTest::addRow("semicolon") << "a@b;drop" << false;
        QTest::addRow("only at") << "@" << false;
    }

    void isValidVpa()
    {
        QFETCH(QString, vpa);
        QFETCH(bool, valid);
        QCOMPARE(cardcheck::isValidVpa(vpa), valid);
    }
};

QTEST_GUILESS_MAIN(TestCardCheck)
#include "tst_cardcheck.moc"
