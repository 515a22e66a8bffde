// canonicalJson writes what JavaScript's JSON.stringify(JSON.parse(text)) gives back: key order
// (integer-like keys first, ascending), escapes, and numbers as ECMAScript prints them. The same
// cases are checked by Node itself in the webhook suite (tests/node/verify-webhooks.mjs).
#include "core/canonicaljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace gw;

class TestCanonicalJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numbers_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("js");
        QTest::addRow("int") << 50000.0 << QByteArray("50000");
        QTest::addRow("negative") << -42.0 << QByteArray("-42");
        QTest::addRow("minus zero") << -0.0 << QByteArray("0");
        QTest::addRow("fraction") << 1.5 << QByteArray("1.5");
        QTest::addRow("0.1+0.2") << (0.1 + 0.2) << QByteArray("0.30000000000000004");
        QTest::addRow("2^53") << 9007199254740992.0 << QByteArray("9007199254740992");
        QTest::addRow("1e20ish") << 123456789012345680000.0 << QByteArray("123456789012345680000");
        QTest::addRow("1e21") << 1e21 << QByteArray("1e+21");
        QTest::addRow("1.5e300") << 1.5e300 << QByteArray("1.5e+300");
        QTest::addRow("1e-6") << 0.000001 << QByteArray("0.000001");
        QTest::addRow("1e-7") << 1e-7 << QByteArray("1e-7");
        QTest::addRow("1.25e-7") << 1.25e-7 << QByteArray("1.25e-7");
        QTest::addRow("small frac") << 0.00123 << QByteArray("0.00123");
    }

    void numbers()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, js);
        QCOMPARE(canonicalJson(QJsonValue(value)), js);
    }

    void keysInJavaScriptOrder()
    {
        const QJsonObject o{{QStringLiteral("b"), 1},  {QStringLiteral("10"), 2},
                            {QStringLiteral("2"), 3},  {QStringLiteral("a"), 4},
                            {QStringLiteral("01"), 5}, {QStringLiteral("4294967295"), 6}};
        // QJsonObject sorts its keys; JS puts array-index keys first, numerically.
        QCOMPARE(canonicalJson(o),
                 QByteArray(R"({"2":3,"10":2,"01":5,"4294967295":6,"a":4,"b":1})"));
    }

    void strings()
    {
        const QString s = QStringLiteral("q\"b\\s/ \u00e9\u20ac\U0001F600 \u2028 \x01\x1f\x7f\n\t");
        QCOMPARE(canonicalJson(QJsonValue(s)),
                 QByteArray("\"q\\\"b\\\\s/ \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \xe2\x80\xa8 "
                            "\\u0001\\u001f\x7f\\n\\t\""));
        QString lone;
        lone.append(QChar(0xd800));
        QCOMPARE(canonicalJson(QJsonValue(lone)), QByteArray("\"\\ud800\""));
    }

    void nested()
    {
        const QJsonObject o{
            {QStringLiteral("a"), QJsonArray{1, true, QJsonValue(), QStringLiteral("x")}},
            {QStringLiteral("o"), QJsonObject{}}};
        QCOMPARE(canonicalJson(o), QByteArray(R"({"a":[1,true,null,"x"],"o":{}})"));
    }
};

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
