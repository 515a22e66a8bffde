// Reading a request body without a server: what is not a JSON object is a 400 without a field, and
// each typed reader (string, amount, digits, object, enum) answers a wrong value with a 400 that
// names the field, nested fields as "card.number". The malformed bodies tst_api_badinput used to
// send over HTTP are rows here.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gw;

namespace {
// QVERIFY2 evaluates its message even when the check holds: the error's sentence, or nothing.
template <typename T> QByteArray why(const Result<T> &r)
{
    return r ? QByteArray() : r.error().description.toUtf8();
}
JsonFields fields(const QByteArray &json, const QString &prefix = {})
{
    return JsonFields(QJsonDocument::fromJson(json).object(), prefix);
}

// "ok:<value>" for a value, else "<code> <field>: <description>".
template <typename T> QString outcome(const Result<T> &r, QString (*show)(const T &))
{
    if (r)
        return "ok:" + show(r.value());
    return r.error().codeName() + " " + r.error().field + ": " + r.error().description;
}

QString showString(const QString &s)
{
    return s;
}
QString showAmount(const qint64 &a)
{
    return QString::number(a);
}
QString showOptionalAmount(const std::optional<qint64> &a)
{
    return a ? QString::number(*a) : QString("none");
}
QString showObject(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

class TestJsonFields : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("emptyAllowed");
        QTest::addColumn<QString>("error"); // the description's start; empty: accepted
        const QString invalid = "The request body is not valid JSON: ";
        const QString notObject = "The request body must be a JSON object";
        const QString required = "A JSON object is required as the request body";
        QTest::addRow("object") << QByteArray("{\"amount\":100}") << false << "";
        QTest::addRow("empty object") << QByteArray("{}") << false << "";
        QTest::addRow("empty body") << QByteArray() << false << required;
        QTest::addRow("blank body") << QByteArray(" \r\n\t") << false << required;
        QTest::addRow("empty body allowed") << QByteArray() << true << "";
        QTest::addRow("blank body allowed") << QByteArray("  ") << true << "";
        QTest::addRow("truncated JSON") << QByteArray("{\"amount\": 100") << false << invalid;
        QTest::addRow("missing value") << QByteArray("{\"amount\":}") << false << invalid;
        QTest::addRow("trailing garbage") << QByteArray("{\"amount\":100} xyz") << false << invalid;
        QTest::addRow("binary garbage") << QByteArray("\x00\xff\xfe{\x01", 5) << false << invalid;
        QTest::addRow("deep nesting")
            << QByteArray(5000, '[') + QByteArray(5000, ']') << false << invalid;
        QTest::addRow("huge exponent") << QByteArray("{\"amount\":1e400}") << false << invalid;
        // Qt 6.4 reads only an object or an array at the top: other values are not JSON to it.
        QTest::addRow("array body") << QByteArray("[1,2]") << false << notObject;
        QTest::addRow("string body") << QByteArray("\"hello\"") << false << invalid;
        QTest::addRow("null body") << QByteArray("null") << false << invalid;
        QTest::addRow("number body") << QByteArray("42") << true << invalid;
    }

    void parse()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, emptyAllowed);
        QFETCH(QString, error);
        const auto r = JsonFields::parse(body, emptyAllowed);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), why(r).constData());
            return;
        }
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::BadRequest);
        QCOMPARE(r.error().field, QString());
        QVERIFY2(r.error().description.startsWith(error), qPrintable(r.error().description));
    }

    void requiredAmount_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("minimum");
        QTest::addColumn<QString>("outcome");
        const QString unit = "BAD_REQUEST_ERROR amount: amount must be an integer in the smallest "
                             "currency unit";
        const QString range1 = "BAD_REQUEST_ERROR amount: amount must be an integer between 1 "
                               "and 9007199254740991";
        const QString range100 = "BAD_REQUEST_ERROR amount: amount must be an integer between "
                                 "100 and 9007199254740991";
        const QString missing = "BAD_REQUEST_ERROR amount: amount is required";
        QTest::addRow("one") << QByteArray("{\"amount\":1}") << qint64(1) << "ok:1";
        QTest::addRow("the largest")
            << QByteArray("{\"amount\":9007199254740991}") << qint64(1) << "ok:9007199254740991";
        QTest::addRow("the minimum") << QByteArray("{\"amount\":100}") << qint64(100) << "ok:100";
        QTest::addRow("below the minimum")
            << QByteArray("{\"amount\":99}") << qint64(100) << range100;
        QTest::addRow("negative") << QByteArray("{\"amount\":-100}") << qint64(1) << range1;
        QTest::addRow("zero") << QByteArray("{\"amount\":0}") << qint64(1) << range1;
        QTest::addRow("fractional") << QByteArray("{\"amount\":100.5}") << qint64(1) << unit;
        QTest::addRow("2^53") << QByteArray("{\"amount\":9007199254740992}") << qint64(1) << range1;
        QTest::addRow("2^63-1") << QByteArray("{\"amount\":9223372036854775807}") << qint64(1)
                                << range1;
        QTest::addRow("2^63") << QByteArray("{\"amount\":9223372036854775808}") << qint64(1)
                              << range1;
        QTest::addRow("1e30") << QByteArray("{\"amount\":1e30}") << qint64(1) << range1;
        QTest::addRow("string") << QByteArray("{\"amount\":\"100\"}") << qint64(1) << unit;
        QTest::addRow("true") << QByteArray("{\"amount\":true}") << qint64(1) << unit;
        QTest::addRow("object") << QByteArray("{\"amount\":{}}") << qint64(1) << unit;
        QTest::addRow("array") << QByteArray("{\"amount\":[100]}") << qint64(1) << unit;
        QTest::addRow("null") << QByteArray("{\"amount\":null}") << qint64(1) << missing;
        QTest::addRow("absent") << QByteArray("{\"currency\":\"INR\"}") << qint64(1) << missing;
    }

    void requiredAmount()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, minimum);
        QFETCH(QString, outcome);
        QCOMPARE(::outcome(fields(json).requiredAmount("amount", minimum), showAmount), outcome);
    }

    void optionalAmount_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("outcome");
        QTest::addRow("absent") << QByteArray("{}") << "ok:none";
        QTest::addRow("null") << QByteArray("{\"amount\":null}") << "ok:none";
        QTest::addRow("given") << QByteArray("{\"amount\":5}") << "ok:5";
        QTest::addRow("string")
            << QByteArray("{\"amount\":\"x\"}")
            << "BAD_REQUEST_ERROR amount: amount must be an integer in the smallest currency unit";
        QTest::addRow("negative") << QByteArray("{\"amount\":-5}")
                                  << "BAD_REQUEST_ERROR amount: amount must be an integer between "
                                     "1 and 9007199254740991";
    }

    void optionalAmount()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, outcome);
        QCOMPARE(::outcome(fields(json).optionalAmount("amount"), showOptionalAmount), outcome);
    }

    void strings_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("required");
        QTest::addColumn<QString>("outcome");
        const QByteArray long5 = "{\"s\":\"abcdef\"}";
        QTest::addRow("given") << QByteArray("{\"s\":\"abc\"}") << true << "ok:abc";
        QTest::addRow("at the limit") << QByteArray("{\"s\":\"abcde\"}") << true << "ok:abcde";
        QTest::addRow("over the limit")
            << long5 << true << "BAD_REQUEST_ERROR s: s must be at most 5 characters";
        QTest::addRow("optional over the limit")
            << long5 << false << "BAD_REQUEST_ERROR s: s must be at most 5 characters";
        QTest::addRow("number") << QByteArray("{\"s\":5}") << false
                                << "BAD_REQUEST_ERROR s: s must be a string";
        QTest::addRow("array") << QByteArray("{\"s\":[\"a\"]}") << true
                               << "BAD_REQUEST_ERROR s: s must be a string";
        QTest::addRow("NUL") << QByteArray("{\"s\":\"a\\u0000b\"}") << false
                             << "BAD_REQUEST_ERROR s: s must be a string without NUL characters";
        QTest::addRow("optional empty") << QByteArray("{\"s\":\"\"}") << false << "ok:";
        QTest::addRow("required empty")
            << QByteArray("{\"s\":\"\"}") << true << "BAD_REQUEST_ERROR s: s must not be empty";
        QTest::addRow("optional absent") << QByteArray("{}") << false << "ok:";
        QTest::addRow("optional null") << QByteArray("{\"s\":null}") << false << "ok:";
        QTest::addRow("required absent")
            << QByteArray("{}") << true << "BAD_REQUEST_ERROR s: s is required";
        QTest::addRow("required null")
            << QByteArray("{\"s\":null}") << true << "BAD_REQUEST_ERROR s: s is required";
    }

    void strings()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, required);
        QFETCH(QString, outcome);
        const JsonFields f = fields(json);
        QCOMPARE(
            ::outcome(required ? f.requiredString("s", 5) : f.optionalString("s", 5), showString),
            outcome);
    }

    void digits_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("outcome");
        const QString wrong = "INVALID_CARD card.cvv: card.cvv must be 3 to 4 digits";
        QTest::addRow("string") << QByteArray("{\"cvv\":\"123\"}") << "ok:123";
        QTest::addRow("leading zero") << QByteArray("{\"cvv\":\"012\"}") << "ok:012";
        QTest::addRow("number") << QByteArray("{\"cvv\":1234}") << "ok:1234";
        QTest::addRow("too short") << QByteArray("{\"cvv\":\"12\"}") << wrong;
        QTest::addRow("too long") << QByteArray("{\"cvv\":\"12345\"}") << wrong;
        QTest::addRow("letters") << QByteArray("{\"cvv\":\"abc\"}") << wrong;
        QTest::addRow("negative") << QByteArray("{\"cvv\":-123}") << wrong;
        QTest::addRow("fraction") << QByteArray("{\"cvv\":12.5}") << wrong;
        QTest::addRow("signed string") << QByteArray("{\"cvv\":\"+123\"}") << wrong;
        QTest::addRow("bool") << QByteArray("{\"cvv\":true}") << wrong;
        QTest::addRow("absent") << QByteArray("{}")
                                << "INVALID_CARD card.cvv: card.cvv is required";
    }

    void digits()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, outcome);
        QCOMPARE(::outcome(fields(json, "card").requiredDigits("cvv", 3, 4, ErrorCode::InvalidCard),
                           showString),
                 outcome);
    }

    void objects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("outcome");
        QTest::addRow("object") << QByteArray("{\"notes\":{\"k\":[1,\"v\"]}}")
                                << "ok:{\"k\":[1,\"v\"]}";
        QTest::addRow("absent") << QByteArray("{}") << "ok:{}";
        QTest::addRow("null") << QByteArray("{\"notes\":null}") << "ok:{}";
        QTest::addRow("string") << QByteArray("{\"notes\":\"x\"}")
                                << "BAD_REQUEST_ERROR notes: notes must be an object";
        QTest::addRow("array") << QByteArray("{\"notes\":[1]}")
                               << "BAD_REQUEST_ERROR notes: notes must be an object";
        const QString nul =
            "BAD_REQUEST_ERROR notes: notes must be an object without NUL characters";
        QTest::addRow("NUL in a value") << QByteArray("{\"notes\":{\"k\":\"\\u0000\"}}") << nul;
        QTest::addRow("NUL in a key") << QByteArray("{\"notes\":{\"k\\u0000\":1}}") << nul;
        QTest::addRow("NUL deep in an array")
            << QByteArray("{\"notes\":{\"k\":[1,{\"x\":[\"a\\u0000\"]}]}}") << nul;
    }

    void objects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, outcome);
        QCOMPARE(::outcome(fields(json).optionalObject("notes"), showObject), outcome);
    }

    void requiredObjectNamesNestedFields()
    {
        const auto card = fields("{\"card\":{\"number\":5}}").requiredObject("card");
        QVERIFY(card.ok());
        QCOMPARE(card->fieldName("number"), QString("card.number"));
        QCOMPARE(card->requiredString("number").error().field, QString("card.number"));
        QCOMPARE(card->requiredString("number").error().description,
                 QString("card.number must be a string"));

        const auto missing = fields("{\"card\":null}").requiredObject("card");
        QCOMPARE(missing.error().field, QString("card"));
        QCOMPARE(missing.error().description, QString("card is required"));
        const auto wrong = fields("{\"card\":\"4111111111111111\"}").requiredObject("card");
        QCOMPARE(wrong.error().code, ErrorCode::BadRequest);
        QCOMPARE(wrong.error().description, QString("card must be an object"));
    }

    void requiredEnum_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("outcome");
        const QString oneOf = "BAD_REQUEST_ERROR method: method must be one of: upi, card";
        QTest::addRow("upi") << QByteArray("{\"method\":\"upi\"}") << "ok:upi";
        QTest::addRow("card") << QByteArray("{\"method\":\"card\"}") << "ok:card";
        QTest::addRow("upper case") << QByteArray("{\"method\":\"UPI\"}") << oneOf;
        QTest::addRow("netbanking") << QByteArray("{\"method\":\"netbanking\"}") << oneOf;
        QTest::addRow("number") << QByteArray("{\"method\":1}")
                                << "BAD_REQUEST_ERROR method: method must be a string";
        QTest::addRow("absent") << QByteArray("{}")
                                << "BAD_REQUEST_ERROR method: method is required";
    }

    void requiredEnum()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, outcome);
        QCOMPARE(::outcome(fields(json).requiredEnum("method", {"upi", "card"}), showString),
                 outcome);
    }
};

QTEST_GUILESS_MAIN(TestJsonFields)
#include "tst_jsonfields.moc"
