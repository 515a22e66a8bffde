// Webhook delivery end to end: the API and the worker against a local receiver. Retries on the
// test schedule (0, 5, 10, 15, 20 s) with the response code of every attempt, a receiver that
// always fails ends `failed` after 5 and a manual retry starts again, timeouts and redirects are
// failed attempts, signatures verify with the npm package standardwebhooks and the seeds' Node
// snippet (bodies with unicode, quotes and control characters), a rotated secret signs with both,
// and outside test mode private addresses are refused.
#include "core/enums.h"
#include "support/httpclient.h"
#include "support/jobfixtures.h"
#include "support/teststack.h"
#include "support/webhookreceiver.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

using namespace gw;

namespace {
const QString kSecret = QStringLiteral("whsec_test_abc123");
}

class TestWebhooks : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;
    test::RunningService m_worker;
    test::WebhookReceiver m_receiver;
    std::unique_ptr<test::JobFixtures> m_fx;
    std::unique_ptr<test::HttpClient> m_api;

    QString logField(const QString &logId, const QString &column)
    {
        return m_fx->scalar(
            QStringLiteral("SELECT %1 FROM webhook_logs WHERE id = ?::uuid").arg(column), {logId});
    }
    QByteArray eventIdOf(const QString &logId)
    {
        return logField(logId, QStringLiteral("event_id")).toUtf8();
    }
    QString attemptCodes(const QString &logId)
    {
        return m_fx->scalar(QStringLiteral("SELECT string_agg(coalesce(response_code::text, "
                                           "'none'), ',' ORDER BY attempt_number)"
                                           " FROM webhook_attempts WHERE log_id = ?::uuid"),
                            {logId});
    }
    QString caseEvent(const QString &name)
    {
        return m_fx->event(EventType::WebhookTest, QJsonObject{{QStringLiteral("case"), name}})
            .first;
    }
    static QList<qint64> gaps(const QList<test::ReceivedRequest> &rs)
    {
        QList<qint64> g;
        for (qsizetype i = 1; i < rs.size(); ++i)
            g << rs.at(i).atMs - rs.at(i - 1).atMs;
        return g;
    }

    // Runs tests/node/verify-webhooks.mjs over the given requests; returns its exit code.
    int verifyWithNode(const QList<test::ReceivedRequest> &requests, const QStringList &secrets)
    {
        QJsonArray deliveries;
        for (const auto &r : requests) {
            QJsonObject headers;
            for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it)
                headers.insert(QString::fromUtf8(it.key()), QString::fromUtf8(it.value()));
            deliveries.append(
                QJsonObject{{QStringLiteral("secrets"), QJsonArray::fromStringList(secrets)},
                            {QStringLiteral("headers"), headers},
                            {QStringLiteral("body"), QString::fromUtf8(r.body)}});
        }
        QTemporaryFile file;
        file.open();
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("deliveries"), deliveries}}).toJson());
        file.flush();
        QProcess node;
        node.setProcessChannelMode(QProcess::MergedChannels);
        node.setWorkingDirectory(test::TestStack::sourceDir() + QStringLiteral("/tests/node"));
        node.start(QStringLiteral("node"),
                   {QStringLiteral("verify-webhooks.mjs"), file.fileName()});
        node.waitForFinished(60000);
        qInfo().noquote() << QString::fromUtf8(node.readAll());
        return node.exitStatus() == QProcess::NormalExit ? node.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_fx = std::make_unique<test::JobFixtures>(m_stack);
        QVERIFY(m_receiver.listen());
        m_receiver.decide = [](const test::ReceivedRequest &r, int nth) {
            const QJsonObject data =
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("data")).toObject();
            const QString c = data.value(QStringLiteral("case")).toString();
            if (c == QStringLiteral("fail2"))
                return test::ReceiverReply{nth <= 2 ? 500 : 200, 0, {}};
            if (c == QStringLiteral("always"))
                return test::ReceiverReply{
                    data.contains(QStringLiteral("healed")) ? 200 : 503, 0, {}};
            if (c == QStringLiteral("timeout"))
                return test::ReceiverReply{200, nth == 1 ? 6500 : 0, {}};
            if (c == QStringLiteral("redirect") && nth == 1)
                return test::ReceiverReply{302, 0, "/elsewhere"};
            return test::ReceiverReply{};
        };
        m_server = m_stack.startServer();
        QVERIFY2(m_server.port, qPrintable(m_server.process->output()));
        m_api = std::make_unique<test::HttpClient>(m_server.baseUrl());
        m_worker =
            m_stack.startWorker({{QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("300")}});
        QVERIFY2(m_worker.process->isRunning(), qPrintable(m_worker.process->output()));
        const auto r = m_api->put(QStringLiteral("/api/v1/webhooks/config"),
                                  {{QStringLiteral("url"), m_receiver.url()}});
        QVERIFY2(r.status == 200, r.body.constData());
    }

    void retriesTimeoutsRedirectsAndFinalStates()
    {
        const QString fail2 = caseEvent(QStringLiteral("fail2"));
        const QString always = caseEvent(QStringLiteral("always"));
        const QString timeout = caseEvent(QStringLiteral("timeout"));
        const QString redirect = caseEvent(QStringLiteral("redirect"));

        // Fails twice, succeeds on the third attempt, 5 s and 10 s apart.
        QTRY_COMPARE_WITH_TIMEOUT(logField(fail2, QStringLiteral("status")),
                                  QStringLiteral("success"), 30000);
        QCOMPARE(logField(fail2, QStringLiteral("attempts")), QStringLiteral("3"));
        QCOMPARE(attemptCodes(fail2), QStringLiteral("500,500,200"));
        QCOMPARE(logField(fail2, QStringLiteral("response_code")), QStringLiteral("200"));
        QCOMPARE(logField(fail2, QStringLiteral("next_retry_at IS NULL")), QStringLiteral("true"));
        auto rs = m_receiver.forEvent(eventIdOf(fail2));
        QCOMPARE(rs.size(), 3);
        const auto g = gaps(rs);
        qInfo() << "fail2 gaps (ms)" << g;
        QVERIFY2(g.at(0) >= 4500 && g.at(0) <= 7500, "second attempt 5 s after the first");
        QVERIFY2(g.at(1) >= 9500 && g.at(1) <= 12500, "third attempt 10 s after the second");
        // The event id is stable across attempts; the timestamp is each attempt's own.
        QCOMPARE(rs.at(0).headers.value("webhook-id"), rs.at(2).headers.value("webhook-id"));
        QVERIFY(rs.at(0).headers.value("webhook-timestamp") !=
                rs.at(2).headers.value("webhook-timestamp"));
        QCOMPARE(rs.at(0).body, rs.at(2).body);

        // No answer within 5 s: a failed attempt without a response code; the retry succeeds.
        QTRY_COMPARE_WITH_TIMEOUT(logField(timeout, QStringLiteral("status")),
                                  QStringLiteral("success"), 30000);
        QCOMPARE(attemptCodes(timeout), QStringLiteral("none,200"));
        QVERIFY(m_fx->scalar(QStringLiteral("SELECT error FROM webhook_attempts WHERE log_id = "
                                            "?::uuid AND attempt_number = 1"),
                             {timeout})
                    .contains(QStringLiteral("5 s")));
        // One log line for the timed-out attempt, and no warning about reading the closed reply
        // (issue 11 item 5).
        const QString timeoutEvent = QString::fromUtf8(eventIdOf(timeout));
        m_worker.process->waitForOutput(QRegularExpression(timeoutEvent), 5000);
        const QString workerLog = m_worker.process->output();
        QVERIFY2(!workerLog.contains(QStringLiteral("not open")), qPrintable(workerLog));
        QCOMPARE(workerLog.count(timeoutEvent), 1);
        // A redirect is not followed: a failed attempt recording the 302.
        QTRY_COMPARE_WITH_TIMEOUT(logField(redirect, QStringLiteral("status")),
                                  QStringLiteral("success"), 30000);
        QCOMPARE(attemptCodes(redirect), QStringLiteral("302,200"));
        for (const auto &r : m_receiver.requests)
            QVERIFY(r.path != "/elsewhere");
        QVERIFY(m_fx->scalar(QStringLiteral("SELECT response_body FROM webhook_attempts WHERE "
                                            "log_id = ?::uuid AND attempt_number = 1"),
                             {redirect})
                    .contains(QStringLiteral("nope \u2717")));

        // Always failing: five attempts at 0, 5, 10, 15, 20 s, then failed.
        QTRY_COMPARE_WITH_TIMEOUT(logField(always, QStringLiteral("status")),
                                  QStringLiteral("failed"), 70000);
        QCOMPARE(logField(always, QStringLiteral("attempts")), QStringLiteral("5"));
        QCOMPARE(attemptCodes(always), QStringLiteral("503,503,503,503,503"));
        QCOMPARE(logField(always, QStringLiteral("next_retry_at IS NULL")), QStringLiteral("true"));
        const auto ga = gaps(m_receiver.forEvent(eventIdOf(always)));
        qInfo() << "always-failing gaps (ms)" << ga;
        QCOMPARE(ga.size(), 4);
        for (int i = 0; i < 4; ++i)
            QVERIFY2(ga.at(i) >= (i + 1) * 5000 - 500 && ga.at(i) <= (i + 1) * 5000 + 2500,
                     "test retry schedule");
        QTest::qWait(1000); // a sixth attempt would arrive now: the wait is the check
        QCOMPARE(m_receiver.forEvent(eventIdOf(always)).size(), 5);

        // Manual retry through the API starts the attempts again; the receiver has healed.
        m_fx->scalar(QStringLiteral(
                         "UPDATE webhook_logs SET payload = replace(payload, '\"case\":\"always\"',"
                         " '\"case\":\"always\",\"healed\":true') WHERE id = ?::uuid RETURNING 1"),
                     {always});
        const auto retry = m_api->post(QStringLiteral("/api/v1/webhooks/%1/retry").arg(always), {});
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.json().value(QStringLiteral("status")).toString(),
                 QStringLiteral("pending"));
        QTRY_COMPARE_WITH_TIMEOUT(logField(always, QStringLiteral("status")),
                                  QStringLiteral("success"), 15000);
        QCOMPARE(logField(always, QStringLiteral("attempts")), QStringLiteral("1"));
        QCOMPARE(logField(always, QStringLiteral("response_code")), QStringLiteral("200"));
        // The history keeps counting across the manual retry (issue 9 item 9): 1–5, then 6.
        QStringList numbers;
        const auto detail = m_api->get(QStringLiteral("/api/v1/webhooks/%1").arg(always)).json();
        for (const auto &a : detail.value(QStringLiteral("attempt_log")).toArray())
            numbers << QString::number(a.toObject().value(QStringLiteral("attempt")).toInt());
        QCOMPARE(numbers.join(u','), QStringLiteral("1,2,3,4,5,6"));
    }

    void paymentAndRefundEventsVerifyInNode()
    {
        // Through the API: an order with awkward notes, a payment, a refund with an awkward reason.
        const QString awkward = QStringLiteral(
            "caf\u00e9 \u20b9 \U0001F600 \"quoted\" back\\slash \x01\x1f\x7f \u2028 </script>");
        const QJsonObject notes{{QStringLiteral("note"), awkward},
                                {QStringLiteral("10"), QStringLiteral("ten")},
                                {QStringLiteral("2"), QStringLiteral("two")},
                                {QStringLiteral("z"), 1.5},
                                {QStringLiteral("big"), 123456789012.0},
                                {QStringLiteral("tab\tkey"), true}};
        const auto order =
            m_api->post(QStringLiteral("/api/v1/orders"),
                        {{QStringLiteral("amount"), 50000}, {QStringLiteral("notes"), notes}});
        QVERIFY2(order.status == 201, order.body.constData());
        const auto payment =
            m_api->post(QStringLiteral("/api/v1/payments"),
                        {{QStringLiteral("order_id"), order.json().value(QStringLiteral("id"))},
                         {QStringLiteral("method"), QStringLiteral("upi")},
                         {QStringLiteral("vpa"), QStringLiteral("user@paytm")}});
        QVERIFY2(payment.status == 201, payment.body.constData());
        const QString paymentId = payment.json().value(QStringLiteral("id")).toString();
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fx->scalar(QStringLiteral("SELECT status FROM payments WHERE id = ?"), {paymentId}),
            QStringLiteral("success"), 10000);
        const auto refund =
            m_api->post(QStringLiteral("/api/v1/payments/%1/refunds").arg(paymentId),
                        {{QStringLiteral("amount"), 1000}, {QStringLiteral("reason"), awkward}});
        QVERIFY2(refund.status == 201, refund.body.constData());
        // And an event whose data carries the order with its notes (integer-like keys, floats).
        m_fx->event(EventType::WebhookTest, QJsonObject{{QStringLiteral("notes"), notes},
                                                        {QStringLiteral("reason"), awkward}});
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fx->scalar(QStringLiteral("SELECT count(*) FROM refunds WHERE status = 'processed'")),
            QStringLiteral("1"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fx->scalar(
                QStringLiteral("SELECT count(*) FROM webhook_logs WHERE status = 'pending'")),
            QStringLiteral("0"), 20000);
        QCOMPARE(m_fx->scalar(QStringLiteral(
                     "SELECT string_agg(DISTINCT event, ',' ORDER BY event) FROM webhook_logs")),
                 QStringLiteral("payment.created,payment.pending,payment.success,refund.created,"
                                "refund.processed,webhook.test"));
        const QString processed = m_fx->scalar(
            QStringLiteral("SELECT payload FROM webhook_logs WHERE event = 'refund.processed'"));
        QCOMPARE(QJsonDocument::fromJson(processed.toUtf8())
                     .object()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("refund"))
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 awkward);
        QCOMPARE(verifyWithNode(m_receiver.requests, {kSecret}), 0);
    }

    void rotatedSecretSignsWithBoth()
    {
        const auto r = m_api->post(QStringLiteral("/api/v1/webhooks/config/secret"), {});
        QVERIFY2(r.status == 200 || r.status == 201, r.body.constData());
        QString fresh;
        for (const QString &key : {QStringLiteral("secret"), QStringLiteral("webhook_secret")})
            if (r.json().value(key).toString().startsWith(QStringLiteral("whsec_")))
                fresh = r.json().value(key).toString();
        QVERIFY2(!fresh.isEmpty(), r.body.constData());
        const QString log = caseEvent(QStringLiteral("rotation"));
        QTRY_COMPARE_WITH_TIMEOUT(logField(log, QStringLiteral("status")),
                                  QStringLiteral("success"), 15000);
        const auto rs = m_receiver.forEvent(eventIdOf(log));
        QCOMPARE(rs.size(), 1);
        QCOMPARE(rs.first().headers.value("x-webhook-signature").split(' ').size(), 1);
        QCOMPARE(rs.first().headers.value("webhook-signature").split(' ').size(), 2);
        QCOMPARE(verifyWithNode(rs, {fresh, kSecret}), 0);
    }

    void privateAddressesRefusedOutsideTestMode()
    {
        m_worker.process->terminate();
        auto strict = m_stack.startWorker(
            {{QStringLiteral("TEST_MODE"), QStringLiteral("false")},
             {QStringLiteral("WEBHOOK_ALLOW_PRIVATE"), QStringLiteral("false")}});
        QVERIFY2(strict.process->isRunning(), qPrintable(strict.process->output()));
        const QString log = caseEvent(QStringLiteral("ssrf"));
        QTRY_COMPARE_WITH_TIMEOUT(logField(log, QStringLiteral("attempts")), QStringLiteral("1"),
                                  10000);
        QCOMPARE(logField(log, QStringLiteral("status")), QStringLiteral("pending"));
        QCOMPARE(attemptCodes(log), QStringLiteral("none"));
        const QString error = m_fx->scalar(
            QStringLiteral("SELECT error FROM webhook_attempts WHERE log_id = ?::uuid"), {log});
        QVERIFY2(error.contains(QStringLiteral("Refused")) &&
                     error.contains(QStringLiteral("127.0.0.1")),
                 qPrintable(error));
        QTest::qWait(300); // a refused delivery sent anyway would arrive now
        QCOMPARE(m_receiver.forEvent(eventIdOf(log)).size(), 0);
        strict.process->terminate();
    }

    void cleanupTestCase()
    {
        if (m_worker.process)
            m_worker.process->terminate();
        if (m_server.process)
            m_server.process->terminate();
        m_fx.reset();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
