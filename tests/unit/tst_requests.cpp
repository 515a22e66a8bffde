// The merchant API's request bodies parsed without a server: every wrong amount, currency, receipt,
// note, order id, method, VPA and card field gives the contract's code, the field at fault and
// its sentence, and no error ever repeats the card number. These are the rows tst_api_badinput
// used to send over HTTP; it keeps a few of them to prove the wiring.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "core/requests.h"

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
const QDate kToday(2026, 12, 7);
const char *kCardNumber = "4111111111111111";

// The error a body gets from the parser of `kind` (order, payment, refund, capture, webhook).
std::optional<ApiError> errorOf(const QByteArray &kind, const QByteArray &body)
{
    auto take = [](const auto &r) { return r ? std::nullopt : std::optional(r.error()); };
    if (kind == "order")
        return take(CreateOrderRequest::parse(body));
    if (kind == "payment")
        return take(CreatePaymentRequest::parse(body, kToday));
    if (kind == "refund")
        return take(CreateRefundRequest::parse(body));
    if (kind == "capture")
        return take(CaptureRequest::parse(body));
    return take(WebhookConfigRequest::parse(body));
}

// A card payment with a valid card, some of its fields changed or removed.
QByteArray cardWith(const QJsonObject &changes, const QStringList &removed = {})
{
    QJsonObject c{
        {"number", kCardNumber}, {"expiry_month", "12"}, {"expiry_year", "2099"}, {"cvv", "123"}};
    for (auto it = changes.begin(); it != changes.end(); ++it)
        c.insert(it.key(), it.value());
    for (const QString &name : removed)
        c.remove(name);
    return QJsonDocument(QJsonObject{{"order_id", "order_1"}, {"method", "card"}, {"card", c}})
        .toJson(QJsonDocument::Compact);
}

// The card's `field` set to the JSON value `json`, removed when `json` is empty.
QByteArray cardWith(const char *field, const char *json)
{
    const QJsonDocument v = QJsonDocument::fromJson(QByteArray("[") + json + "]");
    if (v.array().isEmpty())
        return cardWith(QJsonObject{}, QStringList{field});
    return cardWith({{field, v.array().first()}});
}
} // namespace

class TestRequests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejected_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("description");
        auto row = [](const char *name, const char *kind, const QByteArray &body, const char *code,
                      const char *field, const QString &description) {
            QTest::addRow("%s", name)
                << QByteArray(kind) << body << QString(code) << QString(field) << description;
        };
        const char *bad = "BAD_REQUEST_ERROR";
        const QString orderRange = "amount must be an integer between 100 and 9007199254740991";
        const QString range = "amount must be an integer between 1 and 9007199254740991";
        const QString unit = "amount must be an integer in the smallest currency unit";
        const QString upper = "currency must be three upper-case letters";

        // Amounts.
        row("amount negative", "order", "{\"amount\":-100}", bad, "amount", orderRange);
        row("amount zero", "order", "{\"amount\":0}", bad, "amount", orderRange);
        row("amount below the minimum", "order", "{\"amount\":99}", bad, "amount", orderRange);
        row("amount fractional", "order", "{\"amount\":100.5}", bad, "amount", unit);
        row("amount 2^63", "order", "{\"amount\":9223372036854775808}", bad, "amount", orderRange);
        row("amount 2^63-1", "order", "{\"amount\":9223372036854775807}", bad, "amount",
            orderRange);
        row("amount 2^53", "order", "{\"amount\":9007199254740992}", bad, "amount", orderRange);
        row("amount 1e30", "order", "{\"amount\":1e30}", bad, "amount", orderRange);
        row("amount as string", "order", "{\"amount\":\"100\"}", bad, "amount", unit);
        row("amount true", "order", "{\"amount\":true}", bad, "amount", unit);
        row("amount object", "order", "{\"amount\":{}}", bad, "amount", unit);
        row("amount null", "order", "{\"amount\":null}", bad, "amount", "amount is required");
        row("amount missing", "order", "{\"currency\":\"INR\"}", bad, "amount",
            "amount is required");
        row("refund zero", "refund", "{\"amount\":0}", bad, "amount", range);
        row("refund negative", "refund", "{\"amount\":-1}", bad, "amount", range);
        row("refund fractional", "refund", "{\"amount\":1.5}", bad, "amount", unit);
        row("refund 2^63", "refund", "{\"amount\":9223372036854775808}", bad, "amount", range);
        row("refund missing", "refund", "{}", bad, "amount", "amount is required");
        row("refund reason number", "refund", "{\"amount\":1,\"reason\":1}", bad, "reason",
            "reason must be a string");
        row("capture amount string", "capture", "{\"amount\":\"x\"}", bad, "amount", unit);
        row("capture amount negative", "capture", "{\"amount\":-5}", bad, "amount", range);

        // Wrong types and values of the other fields.
        row("currency number", "order", "{\"amount\":100,\"currency\":356}", bad, "currency",
            "currency must be a string");
        row("currency four letters", "order", "{\"amount\":100,\"currency\":\"INRR\"}", bad,
            "currency", "currency must be at most 3 characters");
        row("currency empty", "order", "{\"amount\":100,\"currency\":\"\"}", bad, "currency",
            upper);
        row("currency blanks", "order", "{\"amount\":100,\"currency\":\"   \"}", bad, "currency",
            upper);
        row("currency lower case", "order", "{\"amount\":100,\"currency\":\"inr\"}", bad,
            "currency", upper);
        row("receipt number", "order", "{\"amount\":100,\"receipt\":5}", bad, "receipt",
            "receipt must be a string");
        row("receipt too long", "order",
            "{\"amount\":100,\"receipt\":\"" + QByteArray(300, 'r') + "\"}", bad, "receipt",
            "receipt must be at most 255 characters");
        row("receipt with NUL", "order", "{\"amount\":100,\"receipt\":\"a\\u0000b\"}", bad,
            "receipt", "receipt must be a string without NUL characters");
        row("notes string", "order", "{\"amount\":100,\"notes\":\"x\"}", bad, "notes",
            "notes must be an object");
        row("notes array", "order", "{\"amount\":100,\"notes\":[1]}", bad, "notes",
            "notes must be an object");
        row("notes with NUL", "order", "{\"amount\":100,\"notes\":{\"k\":\"\\u0000\"}}", bad,
            "notes", "notes must be an object without NUL characters");
        row("order_id number", "payment", "{\"order_id\":5,\"method\":\"upi\",\"vpa\":\"a@b\"}",
            bad, "order_id", "order_id must be a string");
        row("order_id missing", "payment", "{\"method\":\"upi\",\"vpa\":\"a@b\"}", bad, "order_id",
            "order_id is required");
        row("order_id too long", "payment",
            "{\"order_id\":\"" + QByteArray(65, 'o') + "\",\"method\":\"upi\"}", bad, "order_id",
            "order_id must be at most 64 characters");
        const QString oneOf = "method must be one of: upi, card";
        row("method missing", "payment", "{\"order_id\":\"order_1\",\"vpa\":\"a@b\"}", bad,
            "method", "method is required");
        row("method upper case", "payment",
            "{\"order_id\":\"order_1\",\"method\":\"UPI\",\"vpa\":\"a@b\"}", bad, "method", oneOf);
        row("method number", "payment", "{\"order_id\":\"order_1\",\"method\":1}", bad, "method",
            "method must be a string");
        row("method netbanking", "payment", "{\"order_id\":\"order_1\",\"method\":\"netbanking\"}",
            bad, "method", oneOf);

        // VPAs.
        for (const char *vpa :
             {"\"\"", "\"plainaddress\"", "\"a@b@c\"", "\"@bank\"", "\"name@\"", "\"na me@bank\"",
              "\"n\\u00e4me@upi\"", "\"a@b;drop\"", "42", "[\"a@b\"]"})
            row(qPrintable(QStringLiteral("vpa %1").arg(QString::fromUtf8(vpa))), "payment",
                "{\"order_id\":\"order_1\",\"method\":\"upi\",\"vpa\":" + QByteArray(vpa) + "}",
                "INVALID_VPA", "vpa", "VPA format is invalid");
        row("vpa null", "payment", "{\"order_id\":\"order_1\",\"method\":\"upi\",\"vpa\":null}",
            "INVALID_VPA", "vpa", "vpa is required for UPI payments");
        row("vpa missing", "payment", "{\"order_id\":\"order_1\",\"method\":\"upi\"}",
            "INVALID_VPA", "vpa", "vpa is required for UPI payments");
        row("vpa too long", "payment",
            "{\"order_id\":\"order_1\",\"method\":\"upi\",\"vpa\":\"" + QByteArray(300, 'a') +
                "@upi\"}",
            "INVALID_VPA", "vpa", "VPA format is invalid");

        // Cards.
        row("card missing", "payment", "{\"order_id\":\"order_1\",\"method\":\"card\"}", bad,
            "card", "card is required");
        row("card not an object", "payment",
            "{\"order_id\":\"order_1\",\"method\":\"card\",\"card\":\"4111111111111111\"}", bad,
            "card", "card must be an object");
        for (const char *number : {"\"4111111111111112\"", "\"1234\"", "\"abcd efgh ijkl mnop\"",
                                   "\"41111111111111111111\"", "\"411111111111\"",
                                   "\"4111.1111.1111.1111\"", "4111111111111111", "\"\""})
            row(qPrintable(QStringLiteral("card number %1").arg(QString::fromUtf8(number))),
                "payment", cardWith("number", number), "INVALID_CARD", "card.number",
                "Card number is invalid");
        row("card number null", "payment", cardWith("number", "null"), "INVALID_CARD",
            "card.number", "Card number is required");
        row("card number missing", "payment", cardWith("number", ""), "INVALID_CARD", "card.number",
            "Card number is required");
        row("cvv short", "payment", cardWith("cvv", "\"12\""), "INVALID_CARD", "card.cvv",
            "card.cvv must be 3 to 3 digits");
        row("cvv letters", "payment", cardWith("cvv", "\"abc\""), "INVALID_CARD", "card.cvv",
            "card.cvv must be 3 to 3 digits");
        row("cvv missing", "payment", cardWith("cvv", ""), "INVALID_CARD", "card.cvv",
            "card.cvv is required");
        row("amex cvv of 3", "payment", cardWith({{"number", "378282246310005"}}), "INVALID_CARD",
            "card.cvv", "card.cvv must be 4 to 4 digits");
        const QString monthRange = "Expiry month must be between 1 and 12";
        row("month 13", "payment", cardWith("expiry_month", "\"13\""), "INVALID_CARD",
            "card.expiry_month", monthRange);
        row("month 0", "payment", cardWith("expiry_month", "0"), "INVALID_CARD",
            "card.expiry_month", monthRange);
        row("month letters", "payment", cardWith("expiry_month", "\"ab\""), "INVALID_CARD",
            "card.expiry_month", "card.expiry_month must be 1 to 2 digits");
        row("month missing", "payment", cardWith("expiry_month", ""), "INVALID_CARD",
            "card.expiry_month", "card.expiry_month is required");
        row("year 3 digits", "payment", cardWith("expiry_year", "\"209\""), "INVALID_CARD",
            "card.expiry_year", "Expiry year must have 2 or 4 digits");
        row("year negative", "payment", cardWith("expiry_year", "-1"), "INVALID_CARD",
            "card.expiry_year", "card.expiry_year must be 2 to 4 digits");
        row("expired 4-digit year", "payment", cardWith("expiry_year", "\"2020\""), "EXPIRED_CARD",
            "card.expiry_year", "Card has expired");
        row("expired 2-digit year", "payment", cardWith("expiry_year", "\"19\""), "EXPIRED_CARD",
            "card.expiry_year", "Card has expired");
        row("expired earlier this year", "payment",
            cardWith({{"expiry_month", "11"}, {"expiry_year", "2026"}}), "EXPIRED_CARD",
            "card.expiry_month", "Card has expired");
        row("holder name number", "payment", cardWith("holder_name", "7"), bad, "card.holder_name",
            "card.holder_name must be a string");

        // Webhook configuration.
        const QString absolute = "url must be an absolute http or https URL";
        row("url missing", "webhook", "{}", bad, "url", "url is required (null removes it)");
        row("url number", "webhook", "{\"url\":1}", bad, "url", "url must be a string");
        row("url ftp", "webhook", "{\"url\":\"ftp://example.com/x\"}", bad, "url", absolute);
        row("url relative", "webhook", "{\"url\":\"/hooks\"}", bad, "url", absolute);
        row("url without host", "webhook", "{\"url\":\"http://\"}", bad, "url", absolute);
    }

    void rejected()
    {
        QFETCH(QByteArray, kind);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QFETCH(QString, description);
        const std::optional<ApiError> e = errorOf(kind, body);
        QVERIFY2(e, "accepted");
        QCOMPARE(e->codeName(), code);
        QCOMPARE(e->field, field);
        QCOMPARE(e->description, description);
        QVERIFY2(!e->description.contains(kCardNumber), "a card number must never be echoed");
    }

    void order()
    {
        const auto plain = CreateOrderRequest::parse("{\"amount\":100}");
        QVERIFY(plain.ok());
        QCOMPARE(plain->amount, qint64(100));
        QCOMPARE(plain->currency, QString("INR"));
        QCOMPARE(plain->receipt, QString());
        QCOMPARE(plain->notes, QJsonObject());
        QCOMPARE(CreateOrderRequest::parse("{\"amount\":100,\"currency\":null}")->currency,
                 QString("INR"));

        const auto full = CreateOrderRequest::parse(
            "{\"amount\":9007199254740991,\"currency\":\"USD\",\"receipt\":\"r-1\","
            "\"notes\":{\"k\":[1]},\"colour\":\"blue\",\"id\":\"order_mine\"}");
        QVERIFY(full.ok());
        QCOMPARE(full->amount, qint64(9007199254740991));
        QCOMPARE(full->currency, QString("USD"));
        QCOMPARE(full->receipt, QString("r-1"));
        QCOMPARE(full->notes, (QJsonObject{{"k", QJsonArray{1}}}));
    }

    void upiPayment()
    {
        const auto r = CreatePaymentRequest::parse(
            "{\"order_id\":\"order_1\",\"method\":\"upi\",\"vpa\":\"user@okbank\"}", kToday);
        QVERIFY(r.ok());
        QCOMPARE(r->orderId, QString("order_1"));
        QCOMPARE(r->method, PaymentMethod::Upi);
        QCOMPARE(r->vpa, QString("user@okbank"));
        QCOMPARE(r->cardLast4, QString());
    }

    void cardPayment_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("network");
        QTest::addColumn<QString>("last4");
        QTest::addRow("visa") << cardWith({}) << "visa"
                              << "1111";
        QTest::addRow("spaced number") << cardWith({{"number", "4111 1111-1111 1111"}}) << "visa"
                                       << "1111";
        QTest::addRow("amex with 4-digit cvv")
            << cardWith({{"number", "378282246310005"}, {"cvv", "1234"}}) << "amex"
            << "0005";
        QTest::addRow("numbers for expiry and cvv")
            << cardWith({{"expiry_month", 12}, {"expiry_year", 26}, {"cvv", 123}}) << "visa"
            << "1111";
        QTest::addRow("this month")
            << cardWith({{"expiry_month", "12"}, {"expiry_year", "2026"}}) << "visa"
            << "1111";
        QTest::addRow("holder name") << cardWith({{"holder_name", "A N Other"}}) << "visa"
                                     << "1111";
        QTest::addRow("mastercard") << cardWith({{"number", "5555555555554444"}}) << "mastercard"
                                    << "4444";
    }

    void cardPayment()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, network);
        QFETCH(QString, last4);
        const auto r = CreatePaymentRequest::parse(body, kToday);
        QVERIFY2(r.ok(), why(r).constData());
        QCOMPARE(r->method, PaymentMethod::Card);
        QCOMPARE(r->cardNetwork, network);
        QCOMPARE(r->cardLast4, last4);
    }

    void captureAndRefund()
    {
        QCOMPARE(CaptureRequest::parse({})->amount, std::nullopt);
        QCOMPARE(CaptureRequest::parse("{}")->amount, std::nullopt);
        QCOMPARE(CaptureRequest::parse("{\"amount\":9999}")->amount, std::optional<qint64>(9999));
        QVERIFY(!CreateRefundRequest::parse({}).ok());
        const auto refund = CreateRefundRequest::parse("{\"amount\":1,\"reason\":\"damaged\"}");
        QCOMPARE(refund->amount, qint64(1));
        QCOMPARE(refund->reason, QString("damaged"));
    }

    void webhookConfig()
    {
        QCOMPARE(WebhookConfigRequest::parse("{\"url\":null}")->url, QString());
        QCOMPARE(WebhookConfigRequest::parse("{\"url\":\"\"}")->url, QString());
        QCOMPARE(WebhookConfigRequest::parse("{\"url\":\"https://example.com/hook?a=1\"}")->url,
                 QString("https://example.com/hook?a=1"));
        QCOMPARE(WebhookConfigRequest::parse("{\"url\":\"HTTP://127.0.0.1:8080/h\"}")->url,
                 QString("HTTP://127.0.0.1:8080/h"));
    }
};

QTEST_GUILESS_MAIN(TestRequests)
#include "tst_requests.moc"
