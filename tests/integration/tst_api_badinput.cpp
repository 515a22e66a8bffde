// Hostile and sloppy input over HTTP: one bad body per parser (the parsers' own tables are the
// unit suites tst_jsonfields, tst_requests, tst_cardcheck, tst_listquery), what only the store can
// refuse, odd ids and query strings, methods the API does not have. Every one is answered with the
// right 4xx (code and field where the contract names one); none produces a 5xx, and strings full
// of quotes and unicode come back exactly as they went in.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/paymentoutcome.h"
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
        QCOMPARE(m_stack.startWithServer(m_server), QString());
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
        QCOMPARE(test::completePayment(m_stack, m_paid), QString());
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

        // One row per parser to prove the wiring; every other bad body is a row of the unit
        // suites tst_jsonfields, tst_requests, tst_cardcheck and tst_listquery.
        row("truncated JSON", "POST", orders, "{\"amount\": 100", 400, "BAD_REQUEST_ERROR");
        row("array body", "POST", payments, "[1,2]", 400, "BAD_REQUEST_ERROR");
        row("empty body", "POST", refunds, "", 400, "BAD_REQUEST_ERROR");
        row("amount fractional", "POST", orders, "{\"amount\":100.5}", 400, "BAD_REQUEST_ERROR",
            "amount");
        row("currency lower case", "POST", orders, "{\"amount\":100,\"currency\":\"inr\"}", 400,
            "BAD_REQUEST_ERROR", "currency");
        row("refund zero", "POST", refunds, "{\"amount\":0}", 400, "BAD_REQUEST_ERROR", "amount");
        row("capture amount string", "POST", "/api/v1/payments/{paid}/capture",
            "{\"amount\":\"x\"}", 400, "BAD_REQUEST_ERROR", "amount");
        row("method netbanking", "POST", payments,
            "{\"order_id\":\"{order}\",\"method\":\"netbanking\"}", 400, "BAD_REQUEST_ERROR",
            "method");
        row("vpa a@b@c", "POST", payments,
            "{\"order_id\":\"{order}\",\"method\":\"upi\",\"vpa\":\"a@b@c\"}", 400, "INVALID_VPA",
            "vpa");
        row("card number luhn", "POST", payments, cardWith("number", "\"4111111111111112\""), 400,
            "INVALID_CARD", "card.number");
        row("card number as a JSON number", "POST", payments,
            cardWith("number", "4111111111111111"), 400, "INVALID_CARD", "card.number");
        row("expired 4-digit year", "POST", payments, cardWith("expiry_year", "\"2020\""), 400,
            "EXPIRED_CARD", "card.expiry_year");

        // What only the store knows: the order, the payment's amount.
        row("order_id injection", "POST", payments,
            "{\"order_id\":\"x' OR '1'='1\",\"method\":\"upi\",\"vpa\":\"a@b\"}", 404,
            "NOT_FOUND_ERROR");
        row("refund beyond the payment", "POST", refunds, "{\"amount\":10001}", 400,
            "BAD_REQUEST_ERROR", "amount");
        row("capture other amount", "POST", "/api/v1/payments/{paid}/capture", "{\"amount\":9999}",
            400, "BAD_REQUEST_ERROR", "amount");

        // Query strings (URL decoding included) and path ids.
        row("limit letters", "GET", "/api/v1/payments?limit=abc", {}, 400, "BAD_REQUEST_ERROR",
            "limit");
        row("status injection", "GET", "/api/v1/refunds?status=%27;DROP%20TABLE%20refunds;--", {},
            400, "BAD_REQUEST_ERROR", "status");
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
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestApiBadInput)
#include "tst_api_badinput.moc"
