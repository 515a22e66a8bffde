// The merchant API's contract, table-driven: every endpoint's happy path with its exact status
// and field names, every documented error, list pagination and filters, CORS for the checkout.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/paymentoutcome.h"
#include "support/teststack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace gw;

namespace {
// Every object says its mode ("livemode": the key that made it is a live or a test key).
const QStringList kOrderFields{"id",    "merchant_id", "amount",     "currency", "receipt",
                               "notes", "status",      "created_at", "livemode"};
const QStringList kPaymentBase{
    "id",         "order_id",   "amount",          "currency",   "method",
    "status",     "captured",   "amount_refunded", "error_code", "error_description",
    "created_at", "updated_at", "livemode"};
const QStringList kUpiFields = kPaymentBase + QStringList{"vpa"};
const QStringList kCardFields = kPaymentBase + QStringList{"card_network", "card_last4"};
const QStringList kRefundFields{"id",     "payment_id", "amount",       "reason",
                                "status", "created_at", "processed_at", "livemode"};
const QStringList kListFields{"data", "total", "limit", "offset"};
const QStringList kLogFields{"id",           "event_id",   "event",           "status",
                             "attempts",     "created_at", "last_attempt_at", "next_retry_at",
                             "response_code"};
const QStringList kLogDetailFields =
    kLogFields + QStringList{"payload", "response_body", "attempt_log"};
const QStringList kConfigFields{"url", "secret_hint", "previous_secret_expires_at"};
const QStringList kJobsFields{"pending", "processing", "completed", "failed", "worker_status"};

QStringList sortedKeys(const QJsonObject &o)
{
    QStringList k = o.keys();
    k.sort();
    return k;
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}
} // namespace

class TestApiContract : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;
    QMap<QString, QString> m_ids; // placeholder → id

    std::unique_ptr<test::HttpClient> client(const QString &auth = QStringLiteral("full"))
    {
        auto c = std::make_unique<test::HttpClient>(m_server.baseUrl());
        if (auth == QStringLiteral("key"))
            c->setCredentials(test::HttpClient::kTestKey, {});
        else if (auth == QStringLiteral("none"))
            c->clearCredentials();
        return c;
    }

    QString fill(QString s) const
    {
        for (auto it = m_ids.begin(); it != m_ids.end(); ++it)
            s.replace(u'{' + it.key() + u'}', it.value());
        return s;
    }

    QString create(const QString &path, const QJsonObject &body)
    {
        const auto r = client()->post(path, body);
        if (r.status != 201)
            qWarning() << path << r.status << r.body;
        return r.json().value(QStringLiteral("id")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.startWithServer(m_server, {{QStringLiteral("CHECKOUT_PUBLIC_URL"),
                                                     QStringLiteral("http://checkout.test:3001")}}),
                 QString());

        m_ids[QStringLiteral("order")] =
            create(QStringLiteral("/api/v1/orders"), {{"amount", 50000}, {"receipt", "r-1"}});
        m_ids[QStringLiteral("order2")] =
            create(QStringLiteral("/api/v1/orders"), {{"amount", 20000}});
        // An order takes one live payment: each create row pays an order of its own.
        for (const QString &k :
             {QStringLiteral("unpaid1"), QStringLiteral("unpaid2"), QStringLiteral("unpaid3")})
            m_ids[k] = create(QStringLiteral("/api/v1/orders"), {{"amount", 30000}});
        m_ids[QStringLiteral("pay")] = create(
            QStringLiteral("/api/v1/payments"),
            {{"order_id", m_ids[QStringLiteral("order")]}, {"method", "upi"}, {"vpa", "a@upi"}});
        m_ids[QStringLiteral("paid")] = create(
            QStringLiteral("/api/v1/payments"),
            {{"order_id", m_ids[QStringLiteral("order2")]}, {"method", "upi"}, {"vpa", "b@upi"}});
        for (const QString &k : {QStringLiteral("order"), QStringLiteral("order2"),
                                 QStringLiteral("pay"), QStringLiteral("paid")})
            QVERIFY2(!m_ids[k].isEmpty(), qPrintable(k));
        // No worker in this suite: the success is written as the worker writes it.
        QCOMPARE(test::completePayment(m_stack, m_ids[QStringLiteral("paid")]), QString());
        m_ids[QStringLiteral("refund")] =
            create(QStringLiteral("/api/v1/payments/%1/refunds").arg(m_ids[QStringLiteral("paid")]),
                   {{"amount", 500}, {"reason", "first"}});
        QVERIFY(!m_ids[QStringLiteral("refund")].isEmpty());
        const QStringList logs = m_stack.sql(
            QStringLiteral("SELECT id::text FROM webhook_logs ORDER BY created_at LIMIT 1"));
        QCOMPARE(logs.size(), 1);
        m_ids[QStringLiteral("log")] = logs.first();
        m_ids[QStringLiteral("other_uuid")] =
            QStringLiteral("0b7c7a52-3b47-4a5c-9d0e-0a8f4b1c2d3e");
    }

    void contract_data()
    {
        QTest::addColumn<QString>("auth");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("fields"); // exact top-level fields of a success
        QTest::addColumn<QString>("code");       // error code of a failure
        QTest::addColumn<QString>("field");      // the field named by a 400

        const QString upi = QStringLiteral(
            "{\"order_id\":\"{order}\",\"method\":\"upi\",\"vpa\":\"shopper@okbank\"}");
        // The same for an order without a payment ({unpaid1} …).
        const auto unpaid = [](QString body, int n) {
            return body.replace(QStringLiteral("{order}"), QStringLiteral("{unpaid%1}").arg(n));
        };
        const QString card = QStringLiteral(
            "{\"order_id\":\"{order}\",\"method\":\"card\",\"card\":{\"number\":\"4111 1111 1111 "
            "1111\",\"expiry_month\":\"12\",\"expiry_year\":\"2099\",\"cvv\":\"123\",\"holder_"
            "name\":\"A B\"}}");
        auto ok = [](const char *name, const char *auth, const char *method, const QString &path,
                     const QString &body, int status, const QStringList &fields) {
            QTest::addRow("%s", name) << QString::fromLatin1(auth) << QByteArray(method) << path
                                      << body << status << fields << QString() << QString();
        };
        auto fail = [](const char *name, const char *auth, const char *method, const QString &path,
                       const QString &body, int status, const char *code, const char *field = "") {
            QTest::addRow("%s", name)
                << QString::fromLatin1(auth) << QByteArray(method) << path << body << status
                << QStringList() << QString::fromLatin1(code) << QString::fromLatin1(field);
        };
        const QString none;

        ok("create order", "full", "POST", "/api/v1/orders",
           "{\"amount\":50000,\"currency\":\"INR\",\"receipt\":\"rcpt_1\",\"notes\":{\"k\":\"v\"}}",
           201, kOrderFields);
        ok("create order, minimum amount", "full", "POST", "/api/v1/orders", "{\"amount\":100}",
           201, kOrderFields);
        ok("get order", "full", "GET", "/api/v1/orders/{order}", none, 200, kOrderFields);
        ok("list orders", "full", "GET", "/api/v1/orders", none, 200, kListFields);
        ok("create UPI payment", "full", "POST", "/api/v1/payments", unpaid(upi, 1), 201,
           kUpiFields);
        ok("create card payment", "full", "POST", "/api/v1/payments", unpaid(card, 2), 201,
           kCardFields);
        // {order} has {pay} pending; {order2} has {paid}, a success (SQL, no worker here).
        fail("pay an order in progress", "full", "POST", "/api/v1/payments", upi, 400,
             "BAD_REQUEST_ERROR");
        fail("pay a paid order", "full", "POST", "/api/v1/payments",
             "{\"order_id\":\"{order2}\",\"method\":\"upi\",\"vpa\":\"x@okbank\"}", 400,
             "BAD_REQUEST_ERROR");
        ok("get payment", "full", "GET", "/api/v1/payments/{pay}", none, 200, kUpiFields);
        ok("list payments", "full", "GET", "/api/v1/payments", none, 200, kListFields);
        ok("list payments filtered", "full", "GET",
           "/api/v1/"
           "payments?status=pending&method=upi&from=2020-01-01T00:00:00Z&to=2999-01-01T00:00:00Z",
           none, 200, kListFields);
        ok("capture", "full", "POST", "/api/v1/payments/{paid}/capture", none, 200, kUpiFields);
        fail("capture twice", "full", "POST", "/api/v1/payments/{paid}/capture", none, 400,
             "BAD_REQUEST_ERROR");
        fail("capture a pending payment", "full", "POST", "/api/v1/payments/{pay}/capture", none,
             400, "BAD_REQUEST_ERROR");
        fail("capture unknown payment", "full", "POST",
             "/api/v1/payments/pay_0000000000000000/capture", none, 404, "NOT_FOUND_ERROR");
        ok("create refund", "full", "POST", "/api/v1/payments/{paid}/refunds",
           "{\"amount\":1000,\"reason\":\"Customer requested\"}", 201, kRefundFields);
        fail("refund more than remains", "full", "POST", "/api/v1/payments/{paid}/refunds",
             "{\"amount\":19000}", 400, "BAD_REQUEST_ERROR", "amount");
        fail("refund a pending payment", "full", "POST", "/api/v1/payments/{pay}/refunds",
             "{\"amount\":100}", 400, "BAD_REQUEST_ERROR");
        fail("refund unknown payment", "full", "POST",
             "/api/v1/payments/pay_0000000000000000/refunds", "{\"amount\":100}", 404,
             "NOT_FOUND_ERROR");
        fail("refund without amount", "full", "POST", "/api/v1/payments/{paid}/refunds",
             "{\"reason\":\"x\"}", 400, "BAD_REQUEST_ERROR", "amount");
        ok("list a payment's refunds", "full", "GET", "/api/v1/payments/{paid}/refunds", none, 200,
           kListFields);
        fail("list refunds of unknown payment", "full", "GET",
             "/api/v1/payments/pay_0000000000000000/refunds", none, 404, "NOT_FOUND_ERROR");
        ok("get refund", "full", "GET", "/api/v1/refunds/{refund}", none, 200, kRefundFields);
        ok("list refunds", "full", "GET", "/api/v1/refunds?status=pending", none, 200, kListFields);
        fail("unknown refund", "full", "GET", "/api/v1/refunds/rfnd_0000000000000000", none, 404,
             "NOT_FOUND_ERROR");
        fail("unknown order", "full", "GET", "/api/v1/orders/order_0000000000000000", none, 404,
             "NOT_FOUND_ERROR");
        fail("malformed order id", "full", "GET", "/api/v1/orders/nonsense", none, 404,
             "NOT_FOUND_ERROR");
        fail("unknown payment", "full", "GET", "/api/v1/payments/pay_0000000000000000", none, 404,
             "NOT_FOUND_ERROR");
        fail("payment for unknown order", "full", "POST", "/api/v1/payments",
             "{\"order_id\":\"order_0000000000000000\",\"method\":\"upi\",\"vpa\":\"a@b\"}", 404,
             "NOT_FOUND_ERROR");
        fail("order below minimum", "full", "POST", "/api/v1/orders", "{\"amount\":99}", 400,
             "BAD_REQUEST_ERROR", "amount");
        fail("order with bad currency", "full", "POST", "/api/v1/orders",
             "{\"amount\":100,\"currency\":\"inr\"}", 400, "BAD_REQUEST_ERROR", "currency");
        fail("bad VPA", "full", "POST", "/api/v1/payments",
             "{\"order_id\":\"{order}\",\"method\":\"upi\",\"vpa\":\"no-at-sign\"}", 400,
             "INVALID_VPA", "vpa");
        fail("bad Luhn", "full", "POST", "/api/v1/payments",
             "{\"order_id\":\"{order}\",\"method\":\"card\",\"card\":{\"number\":"
             "\"4111111111111112\",\"expiry_month\":\"12\",\"expiry_year\":\"2099\",\"cvv\":"
             "\"123\"}}",
             400, "INVALID_CARD", "card.number");
        fail(
            "expired card", "full", "POST", "/api/v1/payments",
            "{\"order_id\":\"{order}\",\"method\":\"card\",\"card\":{\"number\":"
            "\"4111111111111111\",\"expiry_month\":\"01\",\"expiry_year\":\"20\",\"cvv\":\"123\"}}",
            400, "EXPIRED_CARD", "card.expiry_year");
        fail("unknown method", "full", "POST", "/api/v1/payments",
             "{\"order_id\":\"{order}\",\"method\":\"cash\"}", 400, "BAD_REQUEST_ERROR", "method");
        fail("limit 0", "full", "GET", "/api/v1/payments?limit=0", none, 400, "BAD_REQUEST_ERROR",
             "limit");
        fail("limit 101", "full", "GET", "/api/v1/orders?limit=101", none, 400, "BAD_REQUEST_ERROR",
             "limit");
        fail("negative offset", "full", "GET", "/api/v1/refunds?offset=-1", none, 400,
             "BAD_REQUEST_ERROR", "offset");
        fail("unknown status filter", "full", "GET", "/api/v1/payments?status=paid", none, 400,
             "BAD_REQUEST_ERROR", "status");
        fail("bad from", "full", "GET", "/api/v1/payments?from=yesterday", none, 400,
             "BAD_REQUEST_ERROR", "from");

        ok("get webhook config", "full", "GET", "/api/v1/webhooks/config", none, 200,
           kConfigFields);
        ok("put webhook config", "full", "PUT", "/api/v1/webhooks/config",
           "{\"url\":\"http://127.0.0.1:9/hook\"}", 200, kConfigFields);
        ok("post webhook config", "full", "POST", "/api/v1/webhooks/config",
           "{\"url\":\"https://merchant.example/hook\"}", 200, kConfigFields);
        fail("relative webhook URL", "full", "PUT", "/api/v1/webhooks/config",
             "{\"url\":\"/hook\"}", 400, "BAD_REQUEST_ERROR", "url");
        fail("ftp webhook URL", "full", "PUT", "/api/v1/webhooks/config",
             "{\"url\":\"ftp://x.example/hook\"}", 400, "BAD_REQUEST_ERROR", "url");
        ok("rotate secret", "full", "POST", "/api/v1/webhooks/config/secret", none, 200,
           kConfigFields + QStringList{"secret"});
        ok("test event", "full", "POST", "/api/v1/webhooks/test", none, 200,
           {"id", "event", "status", "message"});
        ok("list webhook logs", "full", "GET",
           "/api/v1/webhooks?limit=10&offset=0&status=pending&event=payment.created", none, 200,
           kListFields);
        ok("webhook log detail", "full", "GET", "/api/v1/webhooks/{log}", none, 200,
           kLogDetailFields);
        ok("retry webhook", "full", "POST", "/api/v1/webhooks/{log}/retry", none, 200,
           {"id", "status", "message"});
        fail("unknown webhook log", "full", "GET", "/api/v1/webhooks/{other_uuid}", none, 404,
             "NOT_FOUND_ERROR");
        fail("malformed webhook log id", "full", "POST", "/api/v1/webhooks/nope/retry", none, 404,
             "NOT_FOUND_ERROR");
        fail("unknown event filter", "full", "GET", "/api/v1/webhooks?event=payment.refunded", none,
             400, "BAD_REQUEST_ERROR", "event");

        ok("public order", "key", "GET", "/api/v1/orders/{order}/public", none, 200,
           kOrderFields + QStringList{"live_payment"});
        ok("public payment", "key", "POST", "/api/v1/payments/public", unpaid(upi, 3), 201,
           kUpiFields);
        ok("public payment status", "key", "GET", "/api/v1/payments/{pay}/public", none, 200,
           kUpiFields);
        fail("public order without key", "none", "GET", "/api/v1/orders/{order}/public", none, 401,
             "AUTHENTICATION_ERROR");
        fail("merchant route with key alone", "key", "GET", "/api/v1/orders/{order}", none, 401,
             "AUTHENTICATION_ERROR");

        ok("jobs status without auth", "none", "GET", "/api/v1/test/jobs/status", none, 200,
           kJobsFields);
        ok("test merchant without auth", "none", "GET", "/api/v1/test/merchant", none, 200,
           {"id", "email", "api_key", "seeded"});
        ok("openapi without auth", "none", "GET", "/api/v1/openapi.json", none, 200,
           {"openapi", "info", "servers", "paths", "components"});
        fail("orders without auth", "none", "GET", "/api/v1/orders", none, 401,
             "AUTHENTICATION_ERROR");
        fail("payments without auth", "none", "POST", "/api/v1/payments", upi, 401,
             "AUTHENTICATION_ERROR");
        fail("unknown route", "full", "GET", "/api/v1/nothing-here", none, 404, "NOT_FOUND_ERROR");
    }

    void contract()
    {
        QFETCH(QString, auth);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(QStringList, fields);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const auto r = client(auth)->send(method, fill(path), fill(body).toUtf8());
        QVERIFY2(r.status == status,
                 qPrintable(QStringLiteral("%1: %2").arg(r.status).arg(QString::fromUtf8(r.body))));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject json = r.json();
        if (code.isEmpty()) {
            QCOMPARE(sortedKeys(json), sorted(fields));
            return;
        }
        const QJsonObject error = json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY(!error.value(QStringLiteral("description")).toString().isEmpty());
        QCOMPARE(error.value(QStringLiteral("field")).toString(), field);
    }

    void objectValues()
    {
        auto c = client();
        auto &cr = *c;
        const auto order =
            cr.post(QStringLiteral("/api/v1/orders"), {{"amount", 12345},
                                                       {"currency", "USD"},
                                                       {"receipt", "r-9"},
                                                       {"notes", QJsonObject{{"a", 1}}}});
        QCOMPARE(order.status, 201);
        const QJsonObject o = order.json();
        QVERIFY(o.value("id").toString().contains(
            QRegularExpression(QStringLiteral("^order_[A-Za-z0-9]{16}$"))));
        QCOMPARE(o.value("merchant_id").toString(),
                 QStringLiteral("550e8400-e29b-41d4-a716-446655440000"));
        QCOMPARE(o.value("amount").toInteger(), 12345);
        QCOMPARE(o.value("currency").toString(), QStringLiteral("USD"));
        QCOMPARE(o.value("status").toString(), QStringLiteral("created"));
        QCOMPARE(o.value("notes").toObject(), QJsonObject({{"a", 1}}));
        QVERIFY(
            QDateTime::fromString(o.value("created_at").toString(), Qt::ISODateWithMs).isValid());

        const auto pay = cr.post(QStringLiteral("/api/v1/payments"),
                                 {{"order_id", o.value("id")},
                                  {"method", "card"},
                                  {"card", QJsonObject{{"number", "5555-5555-5555-4444"},
                                                       {"expiry_month", 1},
                                                       {"expiry_year", 2099},
                                                       {"cvv", "999"}}}});
        QCOMPARE(pay.status, 201);
        const QJsonObject p = pay.json();
        QVERIFY(p.value("id").toString().contains(
            QRegularExpression(QStringLiteral("^pay_[A-Za-z0-9]{16}$"))));
        QCOMPARE(p.value("amount").toInteger(), 12345);
        QCOMPARE(p.value("currency").toString(), QStringLiteral("USD"));
        QCOMPARE(p.value("status").toString(), QStringLiteral("pending"));
        QCOMPARE(p.value("card_network").toString(), QStringLiteral("mastercard"));
        QCOMPARE(p.value("card_last4").toString(), QStringLiteral("4444"));
        QCOMPARE(p.value("captured").toBool(), false);
        QCOMPARE(p.value("amount_refunded").toInteger(), 0);
        // Creating the payment committed its job and its two events with it.
        QCOMPARE(m_stack.sql(
                     QStringLiteral(
                         "SELECT count(*) FROM jobs WHERE kind = 'payment' AND subject_id = '%1'")
                         .arg(p.value("id").toString())),
                 QStringList{QStringLiteral("1")});
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT string_agg(event, ',' ORDER BY event) FROM "
                                            "webhook_logs WHERE payload LIKE '%%1%'")
                                 .arg(p.value("id").toString())),
                 QStringList{QStringLiteral("payment.created,payment.pending")});
    }

    void cardNetworks_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("network");
        QTest::addRow("visa") << "4111111111111111"
                              << "visa";
        QTest::addRow("mastercard 2-series") << "2223003122003222"
                                             << "mastercard";
        QTest::addRow("amex") << "378282246310005"
                              << "amex";
        QTest::addRow("rupay") << "6074 8200 0000 0009"
                               << "rupay";
        QTest::addRow("unknown") << "3530111333300000"
                                 << "unknown";
    }

    void cardNetworks()
    {
        QFETCH(QString, number);
        QFETCH(QString, network);
        const QString order = create(QStringLiteral("/api/v1/orders"), {{"amount", 1000}});
        const QString cvv =
            network == QStringLiteral("amex") ? QStringLiteral("1234") : QStringLiteral("123");
        const auto r = client()->post(QStringLiteral("/api/v1/payments"),
                                      {{"order_id", order},
                                       {"method", "card"},
                                       {"card", QJsonObject{{"number", number},
                                                            {"expiry_month", "12"},
                                                            {"expiry_year", "99"},
                                                            {"cvv", cvv}}}});
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(r.json().value("card_network").toString(), network);
    }

    void pagination()
    {
        QCOMPARE(m_stack.resetData(), QString());
        QStringList created;
        for (int i = 0; i < 25; ++i)
            created.prepend(create(QStringLiteral("/api/v1/orders"), {{"amount", 100 + i}}));
        auto c = client();
        auto &cr = *c;
        const auto first = cr.get(QStringLiteral("/api/v1/orders")).json();
        QCOMPARE(first.value("total").toInteger(), 25);
        QCOMPARE(first.value("limit").toInt(), 10);
        QCOMPARE(first.value("offset").toInt(), 0);
        QCOMPARE(first.value("data").toArray().size(), 10);
        QStringList seen;
        for (int offset = 0; offset < 25; offset += 7) {
            const auto page =
                cr.get(QStringLiteral("/api/v1/orders?limit=7&offset=%1").arg(offset)).json();
            QCOMPARE(page.value("offset").toInt(), offset);
            QCOMPARE(page.value("limit").toInt(), 7);
            for (const QJsonValue &v : page.value("data").toArray())
                seen << v.toObject().value("id").toString();
        }
        QCOMPARE(seen, created); // newest first, no gaps, no repeats
        const auto beyond = cr.get(QStringLiteral("/api/v1/orders?limit=5&offset=100")).json();
        QCOMPARE(beyond.value("data").toArray().size(), 0);
        QCOMPARE(beyond.value("total").toInteger(), 25);
    }

    void paymentFilters()
    {
        QCOMPARE(m_stack.resetData(), QString());
        QStringList upi, card;
        QStringList orders; // one order per payment: an order takes one live payment
        for (int i = 0; i < 3; ++i) {
            orders << create(QStringLiteral("/api/v1/orders"), {{"amount", 1000}})
                   << create(QStringLiteral("/api/v1/orders"), {{"amount", 1000}});
            upi << create(QStringLiteral("/api/v1/payments"),
                          {{"order_id", orders[2 * i]}, {"method", "upi"}, {"vpa", "x@y"}});
            card << create(QStringLiteral("/api/v1/payments"),
                           {{"order_id", orders[2 * i + 1]},
                            {"method", "card"},
                            {"card", QJsonObject{{"number", "4111111111111111"},
                                                 {"expiry_month", "12"},
                                                 {"expiry_year", "2099"},
                                                 {"cvv", "123"}}}});
        }
        QCOMPARE(test::completePayment(m_stack, card.first()), QString());
        m_stack.sql(QStringLiteral(
                        "UPDATE payments SET created_at = '2021-06-01T00:00:00Z' WHERE id = '%1'")
                        .arg(upi.first()));
        auto c = client();
        auto &cr = *c;
        auto total = [&](const QString &query) {
            return cr.get(QStringLiteral("/api/v1/payments?") + query)
                .json()
                .value("total")
                .toInteger();
        };
        QCOMPARE(total(QStringLiteral("")), 6);
        QCOMPARE(total(QStringLiteral("method=upi")), 3);
        QCOMPARE(total(QStringLiteral("method=card")), 3);
        QCOMPARE(total(QStringLiteral("status=success")), 1);
        QCOMPARE(total(QStringLiteral("status=pending&method=card")), 2);
        QCOMPARE(total(QStringLiteral("to=2022-01-01T00:00:00Z")), 1);
        QCOMPARE(total(QStringLiteral("from=2022-01-01")), 5);
        QCOMPARE(total(QStringLiteral("from=1622505600&to=1622505600")), 1); // unix seconds
        QCOMPARE(total(QStringLiteral("order_id=") + orders[3]), 1);
        QCOMPARE(total(QStringLiteral("order_id=") + orders[3] + QStringLiteral("&method=upi")), 0);
        const auto only = cr.get(QStringLiteral("/api/v1/payments?status=success"))
                              .json()
                              .value("data")
                              .toArray();
        QCOMPARE(only.size(), 1);
        QCOMPARE(only.first().toObject().value("id").toString(), card.first());
    }

    void corsForCheckout()
    {
        auto c = client(QStringLiteral("none"));
        auto &cr = *c;
        const auto pre = cr.send(
            "OPTIONS", QStringLiteral("/api/v1/payments/public"), {},
            {{"Origin", "http://checkout.test:3001"}, {"Access-Control-Request-Method", "POST"}});
        QCOMPARE(pre.status, 204);
        QCOMPARE(pre.header("Access-Control-Allow-Origin"),
                 QByteArray("http://checkout.test:3001"));
        QVERIFY(pre.header("Access-Control-Allow-Methods").contains("POST"));
        QVERIFY(pre.header("Access-Control-Allow-Headers").toLower().contains("x-api-key"));
        const auto denied = cr.get(QStringLiteral("/api/v1/payments/pay_0000000000000000/public"),
                                   {{"Origin", "http://checkout.test:3001"}});
        QCOMPARE(denied.status, 401);
        QCOMPARE(denied.header("Access-Control-Allow-Origin"),
                 QByteArray("http://checkout.test:3001"));
        // The merchant API is not opened to browsers.
        const auto merchant = client()->get(QStringLiteral("/api/v1/orders"),
                                            {{"Origin", "http://checkout.test:3001"}});
        QCOMPARE(merchant.status, 200);
        QVERIFY(merchant.header("Access-Control-Allow-Origin").isEmpty());
    }

    void anotherMerchantsObjectsAreNotFound()
    {
        QCOMPARE(m_stack.resetData(), QString());
        const QString order = create(QStringLiteral("/api/v1/orders"), {{"amount", 1000}});
        const QString pay = create(QStringLiteral("/api/v1/payments"),
                                   {{"order_id", order}, {"method", "upi"}, {"vpa", "x@y"}});
        QCOMPARE(test::completePayment(m_stack, pay), QString());
        const QString refund =
            create(QStringLiteral("/api/v1/payments/%1/refunds").arg(pay), {{"amount", 100}});
        m_stack.sql(QStringLiteral(
                        "INSERT INTO merchants (id, name, email, api_key, api_secret, "
                        "webhook_secret) VALUES ('11111111-2222-3333-4444-555555555555', 'Other',"
                        " 'o@example.com', 'key_other', '%1', 'whsec_other')")
                        .arg(m_stack.secretHash(QStringLiteral("secret_other"))));
        test::HttpClient other(m_server.baseUrl());
        other.setCredentials("key_other", "secret_other");
        const QString log =
            m_stack.sql(QStringLiteral("SELECT id::text FROM webhook_logs LIMIT 1")).value(0);
        for (const QString &path : {QString(QStringLiteral("/api/v1/orders/") + order),
                                    QString(QStringLiteral("/api/v1/payments/") + pay),
                                    QString(QStringLiteral("/api/v1/refunds/") + refund),
                                    QStringLiteral("/api/v1/payments/%1/refunds").arg(pay),
                                    QString(QStringLiteral("/api/v1/webhooks/") + log),
                                    QStringLiteral("/api/v1/orders/%1/public").arg(order),
                                    QStringLiteral("/api/v1/payments/%1/public").arg(pay)}) {
            const auto r = other.get(path);
            QVERIFY2(r.status == 404, qPrintable(path + QString::number(r.status)));
        }
        QCOMPARE(other.post(QStringLiteral("/api/v1/payments/%1/capture").arg(pay), {}).status,
                 404);
        QCOMPARE(
            other.post(QStringLiteral("/api/v1/payments/%1/refunds").arg(pay), {{"amount", 100}})
                .status,
            404);
        QCOMPARE(other
                     .post(QStringLiteral("/api/v1/payments"),
                           {{"order_id", order}, {"method", "upi"}, {"vpa", "x@y"}})
                     .status,
                 404);
        QCOMPARE(other.post(QStringLiteral("/api/v1/webhooks/%1/retry").arg(log), {}).status, 404);
        QCOMPARE(other.get(QStringLiteral("/api/v1/payments")).json().value("total").toInteger(),
                 0);
        QCOMPARE(other.get(QStringLiteral("/api/v1/webhooks")).json().value("total").toInteger(),
                 0);
    }

    void secretRotationKeepsThePreviousOneForADay()
    {
        auto c = client();
        const QString before =
            m_stack.sql("SELECT webhook_secret FROM merchants WHERE api_key = 'key_test_abc123'")
                .value(0);
        const auto r = c->post("/api/v1/webhooks/config/secret", {});
        QCOMPARE(r.status, 200);
        const QString secret = r.json().value("secret").toString();
        QVERIFY(secret.contains(QRegularExpression("^whsec_[A-Za-z0-9]{32}$")));
        QVERIFY(secret != before);
        QCOMPARE(m_stack
                     .sql("SELECT webhook_secret || ' ' || previous_webhook_secret FROM merchants "
                          "WHERE api_key = 'key_test_abc123'")
                     .value(0),
                 secret + ' ' + before);
        QCOMPARE(m_stack
                     .sql("SELECT round(extract(epoch FROM previous_secret_expires_at - now()) / "
                          "60) FROM merchants"
                          " WHERE api_key = 'key_test_abc123'")
                     .value(0),
                 QString("1440"));
        QVERIFY(!r.json().value("previous_secret_expires_at").isNull());
        // Shown once: the configuration only hints at it.
        const auto config = c->get("/api/v1/webhooks/config").json();
        QVERIFY(!config.contains("secret"));
        QVERIFY(!config.value("secret_hint").toString().contains(secret.mid(6, 20)));
    }

    void manualRetryStartsAttemptsAgain()
    {
        auto c = client();
        c->put("/api/v1/webhooks/config", {{"url", "http://127.0.0.1:9/hook"}});
        const auto test = c->post("/api/v1/webhooks/test", {});
        QCOMPARE(test.status, 200);
        const QString log = test.json().value("id").toString();
        QVERIFY(!log.isEmpty());
        m_stack.sql("UPDATE webhook_logs SET status = 'failed', attempts = 5, next_retry_at = "
                    "NULL, response_code = 500,"
                    " last_attempt_at = now() WHERE id = '" +
                    log + "'");
        m_stack.sql(
            "INSERT INTO webhook_attempts (log_id, attempt_number, response_code, response_body)"
            " VALUES ('" +
            log + "', 5, 500, 'boom')");
        const auto r = c->post("/api/v1/webhooks/" + log + "/retry", {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(),
                 QJsonObject(
                     {{"id", log}, {"status", "pending"}, {"message", "Webhook retry scheduled"}}));
        const auto detail = c->get("/api/v1/webhooks/" + log).json();
        QCOMPARE(detail.value("status").toString(), QString("pending"));
        QCOMPARE(detail.value("attempts").toInt(), 0);
        QVERIFY(!detail.value("next_retry_at").isNull());
        QCOMPARE(detail.value("attempt_log").toArray().size(), 1); // the history stays
        QCOMPARE(detail.value("attempt_log")
                     .toArray()
                     .first()
                     .toObject()
                     .value("response_body")
                     .toString(),
                 QString("boom"));
        QCOMPARE(detail.value("payload").toObject().value("event").toString(),
                 QString("webhook.test"));
        // The log, pending and due now, is the retry's durable record (no jobs row, migration
        // 072): the worker's sweeps find it whatever became of the push.
        QCOMPARE(m_stack
                     .sql("SELECT count(*) FROM webhook_logs WHERE id = '" + log +
                          "' AND status = 'pending' AND next_retry_at <= now()")
                     .value(0),
                 QString("1"));
        QCOMPARE(m_stack.sql("SELECT count(*) FROM jobs WHERE kind = 'webhook'").value(0),
                 QString("0"));
        const auto list = c->get("/api/v1/webhooks?event=webhook.test&status=pending").json();
        QVERIFY(list.value("total").toInt() >= 1);
    }

    void testMerchantOnlyInTestMode()
    {
        auto other = m_stack.startServer({{"TEST_MODE", "false"}});
        QVERIFY2(other.port, qPrintable(other.process->output()));
        test::HttpClient c(other.baseUrl());
        c.clearCredentials();
        QCOMPARE(c.get("/api/v1/test/merchant").status, 404);
        QCOMPARE(c.get("/api/v1/test/jobs/status").status, 200);
        other.process->terminate();
    }

    // Authentication is cached per server thread for a moment; a deactivated merchant or a changed
    // secret still takes effect within seconds.
    void deactivationTakesEffectWithinSeconds()
    {
        auto c = client();
        QCOMPARE(c->get("/api/v1/orders").status, 200);
        m_stack.sql("UPDATE merchants SET is_active = false WHERE api_key = 'key_test_abc123'");
        QVERIFY(gw::test::eventually([&] { return c->get("/api/v1/orders").status == 401; }));
        m_stack.sql("UPDATE merchants SET is_active = true WHERE api_key = 'key_test_abc123'");
        QVERIFY(gw::test::eventually([&] { return c->get("/api/v1/orders").status == 200; }));
        const QString setSecret = QStringLiteral(
            "UPDATE merchants SET api_secret = '%1' WHERE api_key = 'key_test_abc123'");
        m_stack.sql(setSecret.arg(m_stack.secretHash(QStringLiteral("secret_rotated"))));
        QVERIFY(gw::test::eventually([&] { return c->get("/api/v1/orders").status == 401; }));
        m_stack.sql(setSecret.arg(m_stack.secretHash(QStringLiteral("secret_test_xyz789"))));
        QVERIFY(gw::test::eventually([&] { return c->get("/api/v1/orders").status == 200; }));
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestApiContract)
#include "tst_api_contract.moc"
