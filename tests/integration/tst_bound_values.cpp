// Values reach PostgreSQL as bound parameters, never as SQL text: store::exec runs each statement
// as a server-side prepared statement with $n parameters (checked in pg_prepared_statements), every
// Qt value type round-trips, and text holding ?, $1, quotes, backslashes and -- goes through every
// write of the API (order receipt and notes, payment with an Idempotency-Key, capture, refund
// reason, webhook URL and the events written with them) and comes back verbatim.
#undef QT_NO_CAST_FROM_ASCII
#include "store/connection.h"
#include "store/sql.h"
#include "support/httpclient.h"
#include "support/paymentoutcome.h"
#include "support/teststack.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTest>

using namespace gw;

namespace {
// Everything a pasted-in value could break on.
const QString kHostile =
    QString::fromUtf8("it's \"quoted\" ? ?? $1 $2::text \\ \\\\ \\' -- not a comment\n"
                      "/* nor this */ '); DROP TABLE payments; -- ₹ é");
// The same for places that take printable ASCII only (Idempotency-Key).
const QByteArray kHostileAscii = "k'\"?$1\\--;) x";
} // namespace

class TestBoundValues : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    QString one(const QString &sql) { return m_stack.sql(sql).value(0); }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.startWithServer(m_server), QString()); }

    void execBindsInsteadOfPasting()
    {
        store::Connection c(m_stack.database(), QStringLiteral("test"));
        auto q =
            store::exec(c, "SELECT ?::text, length(?::text), '?' AS literal -- a ? in a comment",
                        {kHostile, kHostile});
        QVERIFY(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toString(), kHostile);
        QCOMPARE(q->value(1).toInt(), int(kHostile.size()));
        QCOMPARE(q->value(2).toString(), QString("?"));
        // The statement the server holds has $1/$2 where the values went, and not the values.
        auto held =
            store::exec(c, "SELECT statement FROM pg_prepared_statements WHERE statement LIKE ?",
                        {QString("SELECT $1::text, length($2::text)%")});
        QVERIFY(held);
        QVERIFY2(held->next(), "the statement was not prepared on the server");
        QVERIFY(!held->value(0).toString().contains("DROP TABLE"));
        // Run again: the same prepared statement is reused, not prepared a second time.
        QVERIFY(store::exec(c,
                            "SELECT ?::text, length(?::text), '?' AS literal -- a ? in a comment",
                            {kHostile, kHostile}));
        auto count =
            store::exec(c, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE ?",
                        {QString("SELECT $1::text, length($2::text)%")});
        QVERIFY(count && count->next());
        QCOMPARE(count->value(0).toInt(), 1);
    }

    void everyTypeRoundTrips()
    {
        store::Connection c(m_stack.database(), QStringLiteral("test"));
        const QByteArray bytes("\0\x01'\\\"?$1--\xff", 11);
        const QDateTime when = QDateTime::fromString("2026-03-04T05:06:07.891Z", Qt::ISODateWithMs);
        auto q = store::exec(c,
                             "SELECT ?::bytea, ?::bool, ?::bool, ?::int, ?::bigint, "
                             "?::timestamptz, ?::text, ?::text, ?::numeric",
                             {bytes, true, false, 2147483647, qlonglong(9007199254740993LL), when,
                              QVariant(QMetaType(QMetaType::QString)), QString(), 12.5});
        QVERIFY(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toByteArray(), bytes);
        QCOMPARE(q->value(1).toBool(), true);
        QCOMPARE(q->value(2).toBool(), false);
        QCOMPARE(q->value(3).toInt(), 2147483647);
        QCOMPARE(q->value(4).toLongLong(), 9007199254740993LL);
        QCOMPARE(q->value(5).toDateTime(), when);
        QVERIFY(q->value(6).isNull());
        QVERIFY(q->isNull(6));
        QCOMPARE(q->value(8).toDouble(), 12.5);
        // A statement with a syntax error fails as a value and leaves the connection serving.
        QVERIFY(!store::exec(c, "SELEC ?", {1}));
        auto after = store::exec(c, "SELECT ?::int + 1", {41});
        QVERIFY(after && after->next());
        QCOMPARE(after->value(0).toInt(), 42);
    }

    void everyWriteKeepsValuesVerbatim()
    {
        test::HttpClient c(m_server.baseUrl());
        const auto config =
            c.put("/api/v1/webhooks/config", {{"url", "http://127.0.0.1:9/h?a=$1&b='x'--&c=?"}});
        QVERIFY2(config.status == 200, config.body.constData());
        const QJsonObject notes{{"k", kHostile}, {kHostile, "$1"}};
        const auto order =
            c.post("/api/v1/orders", {{"amount", 50000}, {"receipt", kHostile}, {"notes", notes}},
                   {{"Idempotency-Key", kHostileAscii + " order"}});
        QCOMPARE(order.status, 201);
        const QString orderId = order.json().value("id").toString();
        const auto readOrder = c.get("/api/v1/orders/" + orderId);
        QCOMPARE(readOrder.json().value("receipt").toString(), kHostile);
        QCOMPARE(readOrder.json().value("notes").toObject(), notes);
        QCOMPARE(one("SELECT receipt FROM orders WHERE id = '" + orderId + "'"), kHostile);

        const QJsonObject payBody{
            {"order_id", orderId}, {"method", "upi"}, {"vpa", "a.b-c_d@bank"}};
        const auto pay = c.post("/api/v1/payments", payBody, {{"Idempotency-Key", kHostileAscii}});
        QCOMPARE(pay.status, 201);
        const auto replay =
            c.post("/api/v1/payments", payBody, {{"Idempotency-Key", kHostileAscii}});
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.body, pay.body);
        QCOMPARE(
            one("SELECT key FROM idempotency_keys WHERE key LIKE 'k%' AND key NOT LIKE '% order'"),
            QString::fromLatin1(kHostileAscii));
        const QString payId = pay.json().value("id").toString();
        QCOMPARE(test::completePayment(m_stack, payId), QString());
        QCOMPARE(c.post("/api/v1/payments/" + payId + "/capture", {{"amount", 50000}}).status, 200);

        const auto refund = c.post("/api/v1/payments/" + payId + "/refunds",
                                   {{"amount", 100}, {"reason", kHostile}});
        QCOMPARE(refund.status, 201);
        const QString refundId = refund.json().value("id").toString();
        QCOMPARE(c.get("/api/v1/refunds/" + refundId).json().value("reason").toString(), kHostile);
        // The refund.created event carries the reason inside its JSON payload, byte for byte.
        const QString payload =
            one("SELECT payload FROM webhook_logs WHERE event = 'refund.created'");
        QCOMPARE(QJsonDocument::fromJson(payload.toUtf8())
                     .object()
                     .value("data")
                     .toObject()
                     .value("refund")
                     .toObject()
                     .value("reason")
                     .toString(),
                 kHostile);
        QCOMPARE(c.get("/api/v1/webhooks/config").json().value("url").toString(),
                 QString("http://127.0.0.1:9/h?a=$1&b='x'--&c=?"));
        // Nothing was dropped along the way.
        QCOMPARE(one("SELECT count(*) FROM payments"), QString("1"));
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestBoundValues)
#include "tst_bound_values.moc"
