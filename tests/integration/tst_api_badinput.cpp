// Hostile and sloppy input: malformed JSON, wrong types, impossible amounts, missing fields,
// unknown methods, bad VPAs and cards, odd ids and query strings. Every one is answered with the
// right 4xx (code and field where the contract names one); none produces a 5xx, and strings full
// of quotes and unicode come back exactly as they went in.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gw;

class TestApiBadInput : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;
    QString m_order;
    QString m_paid; // a successful payment of 10000

    QByteArray fill(QByteArray s) const
    {
        return s.replace("{order}", m_order.toUtf8()).replace("{paid}", m_paid.toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_server = m_stack.startServer();
        QVERIFY2(m_server.port, qPrintable(m_server.process->output()));
        test::HttpClient c(m_server.baseUrl());
        m_order = c.post("/api/v1/orders", {{"amount", 10000}}).json().value("id").toString();
        const QString order2 =
            c.post("/api/v1/orders", {{"amount", 10000}}).json().value("id").toString();
        m_paid =
            c.post("/api/v1/payments", {{"order_id", order2}, {"method", "upi"}, {"vpa", "a@b"}})
                .json()
                .value("id")
                .toString();
        QVERIFY(!m_order.isEmpty() && !m_paid.isEmpty());
        m_stack.sql("UPDATE payments SET status = 'success' WHERE id = '" + m_paid + "'");
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status"); // 0: any 4xx
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        auto row = [](const char *name, const char *method, const char *path,
                      const QByteArray &body, int status, const char *code = "",
                      const char *field = "") {
            QTest::addRow("%s", name) << QByteArray(method) << QByteArray(path) << body << status
                                      << QString(code) << QString(field);
        };
        const char *orders = "/api/v1/orders";
        const char *payments = "/api/v1/payments";
        const char *refunds = "/api/v1/payments/{paid}/refunds";
        auto cardWith = [](const char *field, const char *value) {
            QJsonObject c{{"number", "4111111111111111"},
                          {"expiry_month", "12"},
                          {"expiry_year", "2099"},
                          {"cvv", "123"}};
            const QJsonDocument v = QJsonDocument::fromJson(QByteArray("[") + value + "]");
            if (v.isArray())
                c.insert(field, v.array().first());
            else
                c.remove(field);
            return QJsonDocument(
                       QJsonObject{{"order_id", "{order}"}, {"method", "card"}, {"card", c}})
                .toJson(QJsonDocument::Compact);
        };

        // Malformed JSON and bodies that are not objects.
        row("truncated JSON", "POST", orders, "{\"amount\": 100", 400, "BAD_REQUEST_ERROR");
        row("empty body", "POST", orders, "", 400, "BAD_REQUEST_ERROR");
        row("array body", "POST", orders, "[1,2]", 400, "BAD_REQUEST_ERROR");
        row("string body", "POST", payments, "\"hello\"", 400, "BAD_REQUEST_ERROR");
        row("null body", "POST", payments, "null", 400, "BAD_REQUEST_ERROR");
        row("missing value", "POST", orders, "{\"amount\":}", 400, "BAD_REQUEST_ERROR");
        row("trailing garbage", "POST", orders, "{\"amount\":100} xyz", 400, "BAD_REQUEST_ERROR");
        row("binary garbage", "POST", orders, QByteArray("\x00\xff\xfe{\x01", 5), 400,
            "BAD_REQUEST_ERROR");
        row("deep nesting", "POST", orders, QByteArray(5000, '[') + QByteArray(5000, ']'), 400,
            "BAD_REQUEST_ERROR");
        row("huge exponent", "POST", orders, "{\"amount\":1e400}", 400);

        // Amounts.
        row("amount negative", "POST", orders, "{\"amount\":-100}", 400, "BAD_REQUEST_ERROR",
            "amount");
        row("amount zero", "POST", orders, "{\"amount\":0}", 400, "BAD_REQUEST_ERROR", "amount");
        row("amount fractional", "POST", orders, "{\"amount\":100.5}", 400, "BAD_REQUEST_ERROR",
            "amount");
        row("amount 2^63", "POST", orders, "{\"amount\":9223372036854775808}", 400,
            "BAD_REQUEST_ERROR", "amount");
        row("amount 2^63-1", "POST", orders, "{\"amount\":9223372036854775807}", 400,
            "BAD_REQUEST_ERROR", "amount");
        row("amount 2^53", "POST", orders, "{\"amount\":9007199254740992}", 400,
            "BAD_REQUEST_ERROR", "amount");
        row("amount 1e30", "POST", orders, "{\"amount\":1e30}", 400, "BAD_REQUEST_ERROR", "amount");
        row("amount as string", "POST", orders, "{\"amount\":\"100\"}", 400, "BAD_REQUEST_ERROR",
            "amount");
        row("amount true", "POST", orders, "{\"amount\":true}", 400, "BAD_REQUEST_ERROR", "amount");
        row("amount object", "POST", orders, "{\"amount\":{}}", 400, "BAD_REQUEST_ERROR", "amount");
        row("amount null", "POST", orders, "{\"amount\":null}", 400, "BAD_REQUEST_ERROR", "amount");
        row("amount missing", "POST", orders, "{\"currency\":\"INR\"}", 400, "BAD_REQUEST_ERROR",
            "amount");
        row("refund zero", "POST", refunds, "{\"amount\":0}", 400, "BAD_REQUEST_ERROR", "amount");
        row("refund negative", "POST", refunds, "{\"amount\":-1}", 400, "BAD_REQUEST_ERROR",
            "amount");
        row("refund fractional", "POST", refunds, "{\"amount\":1.5}", 400, "BAD_REQUEST_ERROR",
            "amount");
        row("refund 2^63", "POST", refunds, "{\"amount\":9223372036854775808}", 400,
            "BAD_REQUEST_ERROR", "amount");
        row("refund beyond the payment", "POST", refunds, "{\"amount\":10001}", 400,
            "BAD_REQUEST_ERROR", "amount");
        row("capture amount string", "POST", "/api/v1/payments/{paid}/capture",
            "{\"amount\":\"x\"}", 400, "BAD_REQUEST_ERROR", "amount");
        row("capture amount negative", "POST", "/api/v1/payments/{paid}/capture", "{\"amount\":-5}",
            400, "BAD_REQUEST_ERROR", "amount");
        row("capture other amount", "POST", "/api/v1/payments/{paid}/capture", "{\"amount\":9999}",
            400, "BAD_REQUEST_ERROR", "amount");

        // Wrong types and values of the other fields.
        row("currency number", "POST", orders, "{\"amount\":100,\"currency\":356}", 400,
            "BAD_REQUEST_ERROR", "currency");
        row("currency four letters", "POST", orders, "{\"amount\":100,\"currency\":\"INRR\"}", 400,
            "BAD_REQUEST_ERROR", "currency");
        row("currency empty", "POST", orders, "{\"amount\":100,\"currency\":\"\"}", 400,
            "BAD_REQUEST_ERROR", "currency");
        row("currency blanks", "POST", orders, "{\"amount\":100,\"currency\":\"   \"}", 400,
            "BAD_REQUEST_ERROR", "currency");
        row("currency lower case", "POST", orders, "{\"amount\":100,\"currency\":\"inr\"}", 400,
            "BAD_REQUEST_ERROR", "currency");
        row("receipt number", "POST", orders, "{\"amount\":100,\"receipt\":5}", 400,
            "BAD_REQUEST_ERROR", "receipt");
        row("receipt too long", "POST", orders,
            "{\"amount\":100,\"receipt\":\"" + QByteArray(300, 'r') + "\"}", 400,
            "BAD_REQUEST_ERROR", "receipt");
        row("receipt with NUL", "POST", orders, "{\"amount\":100,\"receipt\":\"a\\u0000b\"}", 400,
            "BAD_REQUEST_ERROR", "receipt");
        row("notes string", "POST", orders, "{\"amount\":100,\"notes\":\"x\"}", 400,
            "BAD_REQUEST_ERROR", "notes");
        row("notes array", "POST", orders, "{\"amount\":100,\"notes\":[1]}", 400,
            "BAD_REQUEST_ERROR", "notes");
        row("notes with NUL", "POST", orders, "{\"amount\":100,\"notes\":{\"k\":\"\\u0000\"}}", 400,
            "BAD_REQUEST_ERROR", "notes");
        row("order_id number", "POST", payments,
            "{\"order_id\":5,\"method\":\"upi\",\"vpa\":\"a@b\"}", 400, "BAD_REQUEST_ERROR",
            "order_id");
        row("order_id missing", "POST", payments, "{\"method\":\"upi\",\"vpa\":\"a@b\"}", 400,
            "BAD_REQUEST_ERROR", "order_id");
        row("order_id injection", "POST", payments,
            "{\"order_id\":\"x' OR '1'='1\",\"method\":\"upi\",\"vpa\":\"a@b\"}", 404,
            "NOT_FOUND_ERROR");
        row("method missing", "POST", payments, "{\"order_id\":\"{order}\",\"vpa\":\"a@b\"}", 400,
            "BAD_REQUEST_ERROR", "method");
        row("method upper case", "POST", payments,
            "{\"order_id\":\"{order}\",\"method\":\"UPI\",\"vpa\":\"a@b\"}", 400,
            "BAD_REQUEST_ERROR", "method");
        row("method number", "POST", payments, "{\"order_id\":\"{order}\",\"method\":1}", 400,
            "BAD_REQUEST_ERROR", "method");
        row("method netbanking", "POST", payments,
            "{\"order_id\":\"{order}\",\"method\":\"netbanking\"}", 400, "BAD_REQUEST_ERROR",
            "method");

        // VPAs.
        for (const char *vpa :
             {"\"\"", "\"plainaddress\"", "\"a@b@c\"", "\"@bank\"", "\"name@\"", "\"na me@bank\"",
              "\"n\\u00e4me@upi\"", "\"a@b;drop\"", "42", "null", "[\"a@b\"]"})
            row(qPrintable(QStringLiteral("vpa %1").arg(QString::fromUtf8(vpa))), "POST", payments,
                "{\"order_id\":\"{order}\",\"method\":\"upi\",\"vpa\":" + QByteArray(vpa) + "}",
                400, "INVALID_VPA", "vpa");
        row("vpa too long", "POST", payments,
            "{\"order_id\":\"{order}\",\"method\":\"upi\",\"vpa\":\"" + QByteArray(300, 'a') +
                "@upi\"}",
            400, "INVALID_VPA", "vpa");

        // Cards.
        row("card missing", "POST", payments, "{\"order_id\":\"{order}\",\"method\":\"card\"}", 400,
            "BAD_REQUEST_ERROR", "card");
        row("card not an object", "POST", payments,
            "{\"order_id\":\"{order}\",\"method\":\"card\",\"card\":\"4111111111111111\"}", 400,
            "BAD_REQUEST_ERROR", "card");
        for (const char *number : {"\"4111111111111112\"", "\"1234\"", "\"abcd efgh ijkl mnop\"",
                                   "\"41111111111111111111\"", "\"411111111111\"",
                                   "\"4111.1111.1111.1111\"", "4111111111111111", "null", "\"\""})
            row(qPrintable(QStringLiteral("card number %1").arg(QString::fromUtf8(number))), "POST",
                payments, cardWith("number", number), 400, "INVALID_CARD", "card.number");
        row("cvv short", "POST", payments, cardWith("cvv", "\"12\""), 400, "INVALID_CARD",
            "card.cvv");
        row("cvv letters", "POST", payments, cardWith("cvv", "\"abc\""), 400, "INVALID_CARD",
            "card.cvv");
        row("cvv missing", "POST", payments, cardWith("cvv", ""), 400, "INVALID_CARD", "card.cvv");
        row("month 13", "POST", payments, cardWith("expiry_month", "\"13\""), 400, "INVALID_CARD",
            "card.expiry_month");
        row("month 0", "POST", payments, cardWith("expiry_month", "0"), 400, "INVALID_CARD",
            "card.expiry_month");
        row("month letters", "POST", payments, cardWith("expiry_month", "\"ab\""), 400,
            "INVALID_CARD", "card.expiry_month");
        row("year 3 digits", "POST", payments, cardWith("expiry_year", "\"209\""), 400,
            "INVALID_CARD", "card.expiry_year");
        row("year negative", "POST", payments, cardWith("expiry_year", "-1"), 400, "INVALID_CARD",
            "card.expiry_year");
        row("expired 4-digit year", "POST", payments, cardWith("expiry_year", "\"2020\""), 400,
            "EXPIRED_CARD", "card.expiry_year");
        row("expired 2-digit year", "POST", payments, cardWith("expiry_year", "\"19\""), 400,
            "EXPIRED_CARD", "card.expiry_year");

        // Query strings and path ids.
        row("limit letters", "GET", "/api/v1/payments?limit=abc", {}, 400, "BAD_REQUEST_ERROR",
            "limit");
        row("limit exponent", "GET", "/api/v1/payments?limit=1e2", {}, 400, "BAD_REQUEST_ERROR",
            "limit");
        row("offset overflow", "GET", "/api/v1/orders?offset=99999999999999999999999", {}, 400,
            "BAD_REQUEST_ERROR", "offset");
        row("status injection", "GET", "/api/v1/refunds?status=%27;DROP%20TABLE%20refunds;--", {},
            400, "BAD_REQUEST_ERROR", "status");
        row("method filter bogus", "GET", "/api/v1/payments?method=cash", {}, 400,
            "BAD_REQUEST_ERROR", "method");
        row("to garbage", "GET", "/api/v1/payments?to=2024-13-45", {}, 400, "BAD_REQUEST_ERROR",
            "to");
        row("id injection", "GET", "/api/v1/payments/pay_'%20OR%20'1'='1", {}, 404,
            "NOT_FOUND_ERROR");
        row("very long id", "GET",
            QByteArray("/api/v1/orders/" + QByteArray(2000, 'x')).constData(), {}, 404,
            "NOT_FOUND_ERROR");
        row("unicode id", "GET", "/api/v1/refunds/%E2%9C%93", {}, 404, "NOT_FOUND_ERROR");
        row("webhook id not a uuid", "GET", "/api/v1/webhooks/12345", {}, 404, "NOT_FOUND_ERROR");

        // Methods the API does not have.
        row("DELETE order", "DELETE", "/api/v1/orders/{order}", {}, 0);
        row("PATCH payment", "PATCH", "/api/v1/payments", "{}", 0);
        row("PUT orders", "PUT", orders, "{\"amount\":100}", 0);
        row("GET capture", "GET", "/api/v1/payments/{paid}/capture", {}, 0);
        row("POST openapi", "POST", "/api/v1/openapi.json", "{}", 0);

        // Headers (bodies over the limit: tst_guard).
        row("idempotency key too long", "POST", orders, "{\"amount\":100}", 400,
            "BAD_REQUEST_ERROR", "Idempotency-Key");
    }

    void rejected()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        test::HttpClient c(m_server.baseUrl());
        test::Headers headers;
        if (QByteArray(QTest::currentDataTag()) == "idempotency key too long")
            headers.append({"Idempotency-Key", QByteArray(256, 'k')});
        const auto r = c.send(method, QString::fromUtf8(fill(path)), fill(body), headers);
        const QByteArray what = r.body.left(300) + " (" + QByteArray::number(r.status) + ")";
        if (status == 0)
            QVERIFY2(r.status >= 400 && r.status < 500, what.constData());
        else
            QVERIFY2(r.status == status, what.constData());
        if (!code.isEmpty()) {
            const QJsonObject e = r.json().value("error").toObject();
            QCOMPARE(e.value("code").toString(), code);
            QVERIFY(!e.value("description").toString().isEmpty());
            QCOMPARE(e.value("field").toString(), field);
        }
        QVERIFY2(!r.body.contains("4111111111111111"), "a card number must never be echoed");
    }

    void unknownFieldsAreIgnored()
    {
        test::HttpClient c(m_server.baseUrl());
        const auto r = c.post(
            "/api/v1/orders",
            {{"amount", 1000}, {"colour", "blue"}, {"amount_due", -5}, {"id", "order_mine"}});
        QCOMPARE(r.status, 201);
        QVERIFY(r.json().value("id").toString() != QStringLiteral("order_mine"));
        QVERIFY(!r.json().contains("colour"));
    }

    void stringsAreStoredVerbatim_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("quotes") << QStringLiteral(
            "O'Brien said \"hi\" \\ and left; -- '); DROP TABLE orders;");
        QTest::addRow("unicode") << QStringLiteral("ünïcödé – 日本語 – emoji 🚀🇮🇳 – RTL עברית");
        QTest::addRow("control characters")
            << QStringLiteral("tab\tnewline\nreturn\r bell\u0007 end");
        QTest::addRow("html") << QStringLiteral("<script>alert('x')</script>&amp;");
        QTest::addRow("percent and braces") << QStringLiteral("%s %d {0} ${x} $1 ? :name");
    }

    void stringsAreStoredVerbatim()
    {
        QFETCH(QString, text);
        test::HttpClient c(m_server.baseUrl());
        const QJsonObject notes{{text, text},
                                {"nested", QJsonObject{{"k", QJsonArray{text, 1, true}}}}};
        const auto created =
            c.post("/api/v1/orders", {{"amount", 1000}, {"receipt", text}, {"notes", notes}});
        QVERIFY2(created.status == 201, created.body.constData());
        const auto fetched =
            c.get("/api/v1/orders/" + created.json().value("id").toString()).json();
        QCOMPARE(fetched.value("receipt").toString(), text);
        QCOMPARE(fetched.value("notes").toObject(), notes);

        const auto refund =
            c.post("/api/v1/payments/" + m_paid + "/refunds", {{"amount", 1}, {"reason", text}});
        QVERIFY2(refund.status == 201, refund.body.constData());
        QCOMPARE(refund.json().value("reason").toString(), text);
        QCOMPARE(c.get("/api/v1/refunds/" + refund.json().value("id").toString())
                     .json()
                     .value("reason")
                     .toString(),
                 text);
    }

    void wrongSecret()
    {
        test::HttpClient c(m_server.baseUrl());
        c.setCredentials("key_test_abc123", "secret_test_xyz78");
        for (const char *path : {"/api/v1/orders", "/api/v1/payments", "/api/v1/webhooks/config"}) {
            const auto r = c.get(path);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("AUTHENTICATION_ERROR"));
        }
        QCOMPARE(c.post("/api/v1/orders", {{"amount", 100}}).status, 401);
    }

    void serverSurvived()
    {
        test::HttpClient c(m_server.baseUrl());
        QCOMPARE(c.get("/health").status, 200);
        QVERIFY(m_server.process->isRunning());
        QVERIFY2(!m_server.process->output().contains("4111111111111111"),
                 "a card number must never be logged");
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
    }
};

QTEST_GUILESS_MAIN(TestApiBadInput)
#include "tst_api_badinput.moc"
