// POST /payments/{id}/refunds writes in one statement (store::RefundBatch): the
// reservation on the payment, the refund, its job, its refund.created event and, for a merchant
// with a webhook URL, the event's webhook job commit together. The event's payload is byte for
// byte the contract's envelope around the refund the request was answered with (its created_at
// written by PostgreSQL into the payload); a refund that does not fit writes nothing at all.
#undef QT_NO_CAST_FROM_ASCII
#include "core/canonicaljson.h"
#include "support/httpclient.h"
#include "support/paymentoutcome.h"
#include "support/teststack.h"

#include <QJsonDocument>
#include <QTest>

using namespace gw;

class TestRefundWrite : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    QString one(const QString &sql) { return m_stack.sql(sql).value(0); }

    // A payment of 50000 paise the worker's outcome made successful (or failed); its id, empty
    // when that outcome could not be written.
    QString completedPayment(test::HttpClient &c, bool succeed = true)
    {
        const QString order =
            c.post("/api/v1/orders", {{"amount", 50000}}).json().value("id").toString();
        const auto pay = c.post("/api/v1/payments",
                                {{"order_id", order}, {"method", "upi"}, {"vpa", "r@okbank"}});
        const QString id = pay.json().value("id").toString();
        return test::completePayment(m_stack, id, succeed).isEmpty() ? id : QString();
    }

    // Rows a refund writes, across its tables.
    QString footprint()
    {
        return one("SELECT (SELECT count(*) FROM refunds) || '/' || (SELECT count(*) FROM jobs"
                   " WHERE kind IN ('refund', 'webhook')) || '/' || (SELECT count(*) FROM"
                   " webhook_logs WHERE event = 'refund.created') || '/' || (SELECT count(*) FROM"
                   " webhook_logs WHERE event = 'refund.created' AND next_retry_at IS NOT NULL)"
                   " || '/' || (SELECT coalesce(sum(refunds_reserved), 0) FROM payments)");
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.startWithServer(m_server), QString()); }
    void init() { QCOMPARE(m_stack.resetData(), QString()); }

    void theEventCarriesTheAnsweredRefund_data()
    {
        QTest::addColumn<bool>("webhookUrl");
        QTest::addRow("no webhook URL") << false;
        QTest::addRow("a webhook URL") << true;
    }
    void theEventCarriesTheAnsweredRefund()
    {
        QFETCH(bool, webhookUrl);
        test::HttpClient c(m_server.baseUrl());
        if (webhookUrl) // nothing is sent: no worker runs in this suite
            QCOMPARE(c.put("/api/v1/webhooks/config", {{"url", "http://127.0.0.1:9/hook"}}).status,
                     200);
        const QString pay = completedPayment(c);
        const QString reason = QString::fromUtf8("part \"one\" \\ ₹ é\n\t<&>");
        const auto answer =
            c.post("/api/v1/payments/" + pay + "/refunds", {{"amount", 1234}, {"reason", reason}});
        QCOMPARE(answer.status, 201);
        const QJsonObject refund = answer.json();
        const QString id = refund.value("id").toString();
        QCOMPARE(refund.value("reason").toString(), reason);
        QCOMPARE(c.get("/api/v1/refunds/" + id).json(), refund);

        QCOMPARE(
            one("SELECT count(*) FROM jobs WHERE kind = 'refund' AND subject_id = '" + id + "'"),
            QString("1"));
        const QStringList logs =
            m_stack.sql("SELECT id::text FROM webhook_logs WHERE event = 'refund.created' AND "
                        "payload::jsonb #>> '{data,refund,id}' = '" +
                        id + "'");
        QCOMPARE(logs.size(), 1);
        // Sent (due now: the log is the delivery's durable record) only with a URL; never a
        // jobs row for a delivery (migration 072).
        QCOMPARE(one("SELECT count(*) FROM webhook_logs WHERE id = '" + logs.first() +
                     "' AND status = 'pending' AND next_retry_at <= now()"),
                 QString(webhookUrl ? "1" : "0"));
        QCOMPARE(one("SELECT count(*) FROM jobs WHERE kind = 'webhook'"), QString("0"));

        // The payload, byte for byte: the envelope in the contract's key order around the
        // canonical {"refund": …} of the answer.
        const QByteArray payload =
            one("SELECT payload FROM webhook_logs WHERE id = '" + logs.first() + "'").toUtf8();
        const QJsonObject event = QJsonDocument::fromJson(payload).object();
        const QByteArray expected = "{\"id\":" + canonicalJson(event.value("id")) +
                                    ",\"event\":\"refund.created\",\"timestamp\":" +
                                    canonicalJson(event.value("timestamp")) +
                                    ",\"data\":" + canonicalJson(QJsonObject{{"refund", refund}}) +
                                    "}";
        QCOMPARE(payload, expected);
    }

    void aRefundThatDoesNotFitWritesNothing()
    {
        test::HttpClient c(m_server.baseUrl());
        const QString pay = completedPayment(c);
        QCOMPARE(c.post("/api/v1/payments/" + pay + "/refunds", {{"amount", 30000}}).status, 201);
        const QString before = footprint();
        const auto tooMuch = c.post("/api/v1/payments/" + pay + "/refunds", {{"amount", 30000}});
        QCOMPARE(tooMuch.status, 400);
        QCOMPARE(tooMuch.json().value("error").toObject().value("description").toString(),
                 QString("Refund amount exceeds the amount available to refund (20000)"));
        QCOMPARE(footprint(), before);

        const QString failed = completedPayment(c, false);
        QVERIFY(!failed.isEmpty());
        QCOMPARE(c.post("/api/v1/payments/" + failed + "/refunds", {{"amount", 100}}).status, 400);
        QCOMPARE(c.post("/api/v1/payments/pay_0000000000000000/refunds", {{"amount", 100}}).status,
                 404);
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestRefundWrite)
#include "tst_refundwrite.moc"
