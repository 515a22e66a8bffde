// The JSON pieces a batch statement completes, without a database: a canonical object cut around
// one value joins back to the same bytes with any value put in; a value that is missing or
// appears twice is not cut; an event's pieces around its data member give exactly the payload
// that is signed; and the array literal that binds a list as one parameter escapes what it must
// and writes a missing value as NULL.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
// No raw string literals in this file: moc counts the braces inside them.
#undef QT_NO_CAST_FROM_ASCII
#include "core/canonicaljson.h"
#include "store/eventbatch.h"
#include "store/jsonpieces.h"
#include "store/pgarray.h"

#include <QRegularExpression>
#include <QTest>

using namespace gw;
using namespace gw::store;

class TestJsonPieces : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aroundValue_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("other"); // another value put where the cut one was
        QTest::addRow("a number") << QJsonObject{{"id", "pay_1"}, {"amount", 500}} << "amount"
                                  << QJsonValue(12050);
        QTest::addRow("a string with quotes")
            << QJsonObject{{"id", "pay_1"}, {"reason", "a \"b\" c"}} << "reason"
            << QJsonValue("2026-12-07T10:17:42.250Z");
        QTest::addRow("a null (a time not set yet)")
            << QJsonObject{{"id", "rfnd_1"}, {"processed_at", QJsonValue::Null}} << "processed_at"
            << QJsonValue("2026-12-07T10:17:42.250Z");
        QTest::addRow("the first key")
            << QJsonObject{{"amount", 1}, {"id", "x"}} << "amount" << QJsonValue(2);
        QTest::addRow("an object") << QJsonObject{{"data", QJsonObject{{"a", 1}}}, {"id", "x"}}
                                   << "data" << QJsonValue(QJsonObject{{"b", 2}});
    }

    void aroundValue()
    {
        QFETCH(QJsonObject, object);
        QFETCH(QString, key);
        QFETCH(QJsonValue, other);
        const auto pieces = store::aroundValue(object, key);
        QVERIFY(pieces);
        QCOMPARE(pieces->first + canonicalJson(object.value(key)) + pieces->second,
                 canonicalJson(object));
        QJsonObject changed = object;
        changed.insert(key, other);
        QCOMPARE(pieces->first + canonicalJson(other) + pieces->second, canonicalJson(changed));
    }

    void notCut_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QString>("key");
        QTest::addRow("missing") << QJsonObject{{"id", "x"}} << "amount";
        // The same key and value inside a nested object: which one is meant is not clear.
        QTest::addRow("twice") << QJsonObject{{"amount", 5}, {"nested", QJsonObject{{"amount", 5}}}}
                               << "amount";
    }

    void notCut()
    {
        QFETCH(QJsonObject, object);
        QFETCH(QString, key);
        QVERIFY(!store::aroundValue(object, key));
    }

    void aroundEmptyObject()
    {
        // An event's data, {"payment":{}}, cut where the payment goes.
        const auto pieces = store::aroundEmptyObject("{\"payment\":{}}");
        QVERIFY(pieces);
        QCOMPARE(pieces->first, QByteArray("{\"payment\":"));
        QCOMPARE(pieces->second, QByteArray("}"));
        QVERIFY(!store::aroundEmptyObject("{\"payment\":{\"id\":1}}"));
        QVERIFY(!store::aroundEmptyObject("{\"data\":{\"payment\":{}}}")); // not at the end
    }

    void eventPiecesJoinToThePayload()
    {
        const QJsonObject payment{{"id", "pay_0123456789abcdef"}, {"amount", 50000}};
        const auto data =
            store::aroundEmptyObject(canonicalJson(QJsonObject{{"payment", QJsonObject{}}}));
        QVERIFY(data);
        const auto pieces =
            store::eventPieces("evt_0123456789abcdef", EventType::PaymentSuccess, data.value());
        QVERIFY(pieces);
        const QByteArray joined = pieces->first + canonicalJson(payment) + pieces->second;
        // Only the timestamp differs between two calls; compare everything around it.
        const QString expected =
            eventPayload("evt_0123456789abcdef", EventType::PaymentSuccess, {{"payment", payment}});
        const auto withoutTime = [](QString s) {
            return s.remove(QRegularExpression("\"timestamp\":[^,}]*"));
        };
        QCOMPARE(withoutTime(QString::fromUtf8(joined)), withoutTime(expected));
        QVERIFY(joined.contains("\"event\":\"payment.success\""));
    }

    void pgArray_data()
    {
        QTest::addColumn<QStringList>("items");
        QTest::addColumn<QString>("literal");
        QTest::addRow("empty") << QStringList{} << "{}";
        QTest::addRow("one") << QStringList{"pay_1"} << "{\"pay_1\"}";
        QTest::addRow("several") << QStringList{"a", "b", "c"} << "{\"a\",\"b\",\"c\"}";
        QTest::addRow("quotes and backslashes escaped")
            << QStringList{"a\"b", "c\\d"} << "{\"a\\\"b\",\"c\\\\d\"}";
        QTest::addRow("commas and braces stay inside quotes")
            << QStringList{"a,b", "{c}"} << "{\"a,b\",\"{c}\"}";
        QTest::addRow("an empty string") << QStringList{""} << "{\"\"}";
    }

    void pgArray()
    {
        QFETCH(QStringList, items);
        QFETCH(QString, literal);
        QCOMPARE(store::pgArray(items), literal);
    }

    void pgArrayWithNulls()
    {
        // A missing value is an unquoted NULL; an empty string or the word NULL stays a string.
        const QList<std::optional<QString>> items{"5", std::nullopt, "", "NULL", "a\"b\\c"};
        QCOMPARE(store::pgArrayWithNulls(items),
                 QString("{\"5\",NULL,\"\",\"NULL\",\"a\\\"b\\\\c\"}"));
        QCOMPARE(store::pgArrayWithNulls({}), QString("{}"));
    }
};

QTEST_MAIN(TestJsonPieces)
#include "tst_jsonpieces.moc"
