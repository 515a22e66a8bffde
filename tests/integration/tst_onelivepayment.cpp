// An order is paid once (issue 22): 50 creates for one order at once — without keys, each with
// its own key, through the public checkout route, and through two API processes on one database —
// make exactly one payment, and the 49 others are 400s naming it; once it succeeds the order is
// paid, a refund and a capture work, and another create names the paid payment; after a failed
// payment a new one is accepted. GET /orders/{id}/public carries the live payment and GET
// /payments filters by order_id. Two pending payments of one order written before the constraint
// (the index dropped) meet the worker: one succeeds, the other fails ORDER_ALREADY_PAID.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/parallelposts.h"
#include "support/teststack.h"

#include <QJsonDocument>
#include <QTest>

using namespace gw;

class TestOneLivePayment : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;
    test::RunningService m_second; // another API process on the same database

    QString one(const QString &sql) { return m_stack.sql(sql).value(0); }

    static QJsonObject upi(const QString &order, const QString &vpa = "shopper@okbank")
    {
        return {{"order_id", order}, {"method", "upi"}, {"vpa", vpa}};
    }

    test::HttpResponse pay(const QString &order)
    {
        return test::HttpClient(m_server.baseUrl()).post("/api/v1/payments", upi(order));
    }

    QString statusOf(const QString &payment)
    {
        return one("SELECT status FROM payments WHERE id = '" + payment + "'");
    }

    QJsonValue livePayment(const QString &order)
    {
        test::HttpClient c(m_server.baseUrl());
        c.setCredentials(test::HttpClient::kTestKey, {});
        const auto r = c.get("/api/v1/orders/" + order + "/public");
        return r.status == 200 ? r.json().value("live_payment")
                               : QJsonValue("HTTP " + QString::number(r.status));
    }

    static QJsonObject errorOf(const QByteArray &body)
    {
        return QJsonDocument::fromJson(body).object().value("error").toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.startWithServer(m_server, {{"SERVER_THREADS", "16"}}), QString());
        m_second = m_stack.startServer({{"SERVER_THREADS", "8"}});
        QVERIFY2(m_second.port, qPrintable(m_second.process->output()));
    }

    void fiftyCreatesForOneOrderMakeOnePayment_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("keys");
        QTest::addColumn<bool>("twoProcesses");
        QTest::addRow("without keys") << "/api/v1/payments" << false << false;
        QTest::addRow("each with its own key") << "/api/v1/payments" << true << false;
        QTest::addRow("public route") << "/api/v1/payments/public" << false << false;
        QTest::addRow("public route with keys") << "/api/v1/payments/public" << true << false;
        QTest::addRow("two API processes") << "/api/v1/payments" << false << true;
        QTest::addRow("two API processes with keys") << "/api/v1/payments" << true << true;
    }

    void fiftyCreatesForOneOrderMakeOnePayment()
    {
        QFETCH(QString, path);
        QFETCH(bool, keys);
        QFETCH(bool, twoProcesses);
        const QString order = test::newOrder(m_server.baseUrl());
        test::ParallelPosts posts{{m_server.baseUrl()}, path};
        if (twoProcesses)
            posts.bases.append(m_second.baseUrl());
        posts.withSecret = !path.endsWith("/public");
        const QByteArray tag = QTest::currentDataTag();
        if (keys)
            posts.key = [tag](int i) -> QByteArray { return tag + "-" + QByteArray::number(i); };
        QList<QByteArray> bodies;
        for (int i = 0; i < 50; ++i) // distinct bodies: no two requests are the same
            bodies.append(QJsonDocument(upi(order, QString("shopper%1@okbank").arg(i)))
                              .toJson(QJsonDocument::Compact));
        const QList<test::ParallelAnswer> answers = test::postInParallel(posts, bodies);
        QString paid;
        int refused = 0;
        for (const test::ParallelAnswer &a : answers) {
            if (a.status == 201) {
                QVERIFY2(paid.isEmpty(), "a second 201 for one order");
                paid = QJsonDocument::fromJson(a.body).object().value("id").toString();
            }
        }
        QVERIFY(!paid.isEmpty());
        for (const test::ParallelAnswer &a : answers) {
            if (a.status == 201)
                continue;
            QVERIFY2(a.status == 400, a.body.constData());
            // Exactly this shape: checkout.js reads error.payment_id.
            QCOMPARE(
                errorOf(a.body),
                (QJsonObject{{"code", "BAD_REQUEST_ERROR"},
                             {"description", "A payment for this order is already in progress"},
                             {"payment_id", paid}}));
            ++refused;
        }
        QCOMPARE(refused, 49);
        QCOMPARE(one("SELECT count(*) FROM payments WHERE order_id = '" + order + "'"),
                 QString("1"));
        QCOMPARE(
            one("SELECT count(*) FROM jobs WHERE kind = 'payment' AND subject_id = '" + paid + "'"),
            QString("1"));
        QCOMPARE(one("SELECT count(*) FROM webhook_logs WHERE payload::jsonb #>> "
                     "'{data,payment,order_id}' = '" +
                     order + "'"),
                 QString("2")); // its payment.created and payment.pending, no one else's
        if (keys) {             // a refused create is stored under its key like any answer
            test::HttpClient c(m_server.baseUrl());
            if (!posts.withSecret)
                c.setCredentials(test::HttpClient::kTestKey, {});
            const auto again = c.send("POST", path, bodies[7], {{"Idempotency-Key", tag + "-7"}});
            QCOMPARE(again.status, answers[7].status);
            QCOMPARE(again.body, answers[7].body);
            QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        }
    }

    // Once the payment succeeds the order is paid and the money's other paths work as before;
    // a later create is refused and names the paid payment.
    void aPaidOrderRefusesAnotherPayment()
    {
        auto worker = m_stack.startWorker();
        QVERIFY2(worker.process, "worker");
        const QString order = test::newOrder(m_server.baseUrl(), 20000);
        QCOMPARE(livePayment(order), QJsonValue(QJsonValue::Null));
        const auto first = pay(order);
        QCOMPARE(first.status, 201);
        const QString id = first.json().value("id").toString();
        QCOMPARE(livePayment(order), QJsonValue(QJsonObject{{"id", id}, {"status", "pending"}}));
        QVERIFY2(test::eventually([&] { return statusOf(id) == "success"; }, 20000),
                 qPrintable(worker.process->output().right(3000)));
        QCOMPARE(livePayment(order), QJsonValue(QJsonObject{{"id", id}, {"status", "success"}}));
        QCOMPARE(one("SELECT status FROM orders WHERE id = '" + order + "'"), QString("paid"));
        const auto again = pay(order);
        QCOMPARE(again.status, 400);
        QCOMPARE(errorOf(again.body), (QJsonObject{{"code", "BAD_REQUEST_ERROR"},
                                                   {"description", "Order already paid"},
                                                   {"payment_id", id}}));
        test::HttpClient c(m_server.baseUrl());
        QCOMPARE(c.post("/api/v1/payments/" + id + "/capture", {}).status, 200);
        const auto refund = c.post("/api/v1/payments/" + id + "/refunds", {{"amount", 5000}});
        QCOMPARE(refund.status, 201);
        const QString refundId = refund.json().value("id").toString();
        QVERIFY(test::eventually(
            [&] {
                return c.get("/api/v1/refunds/" + refundId).json().value("status") == "processed";
            },
            20000));
        QCOMPARE(c.get("/api/v1/payments/" + id).json().value("amount_refunded").toInteger(), 5000);
        worker.process->terminate();
    }

    // After a failed payment the shopper may pay again; the order's attempts are listed by
    // GET /payments?order_id=.
    void afterAFailedPaymentANewOneIsAccepted()
    {
        const QString order = test::newOrder(m_server.baseUrl(), 30000);
        QString failed;
        {
            auto worker = m_stack.startWorker({{"TEST_PAYMENT_SUCCESS", "false"}});
            QVERIFY2(worker.process, "worker");
            const auto first = pay(order);
            QCOMPARE(first.status, 201);
            failed = first.json().value("id").toString();
            QVERIFY(test::eventually([&] { return statusOf(failed) == "failed"; }, 20000));
            worker.process->terminate();
        }
        QCOMPARE(livePayment(order), QJsonValue(QJsonValue::Null));
        const auto second = pay(order);
        QCOMPARE(second.status, 201);
        const QString id = second.json().value("id").toString();
        QCOMPARE(livePayment(order), QJsonValue(QJsonObject{{"id", id}, {"status", "pending"}}));
        test::newOrder(m_server.baseUrl()); // another order's payment is not listed
        QCOMPARE(pay(test::newOrder(m_server.baseUrl())).status, 201);
        test::HttpClient c(m_server.baseUrl());
        const auto list = c.get("/api/v1/payments?order_id=" + order);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value("total").toInteger(), 2);
        const QJsonArray data = list.json().value("data").toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data[0].toObject().value("id").toString(), id); // newest first
        QCOMPARE(data[1].toObject().value("id").toString(), failed);
        const auto bad = c.get("/api/v1/payments?order_id=pay_AAAAAAAAAAAAAAAA");
        QCOMPARE(bad.status, 400);
        QCOMPARE(errorOf(bad.body).value("field").toString(), QString("order_id"));
        // The worker pays the second attempt.
        auto worker = m_stack.startWorker();
        QVERIFY(test::eventually([&] { return statusOf(id) == "success"; }, 20000));
        worker.process->terminate();
    }

    // Data written before the constraint existed: two pending payments of one order, the second
    // written in SQL with its job while the index is dropped (put back after). The worker pays
    // one and fails the other with ORDER_ALREADY_PAID, each with its one outcome event.
    void theWorkerPaysAnOrderOnce()
    {
        const QString order = test::newOrder(m_server.baseUrl(), 40000);
        const auto first = pay(order);
        QCOMPARE(first.status, 201);
        const QString index =
            one("SELECT pg_get_indexdef('payments_one_live_per_order'::regclass)");
        QVERIFY(index.startsWith("CREATE UNIQUE INDEX"));
        const QStringList ids{first.json().value("id").toString(), "pay_SECOND0000000001"};
        QCOMPARE(m_stack.sql("DROP INDEX payments_one_live_per_order;"
                             " INSERT INTO payments (id, order_id, merchant_id, amount, currency,"
                             " method, vpa) SELECT '" +
                             ids[1] +
                             "', order_id, merchant_id, amount, currency, method, 'again@okbank'"
                             " FROM payments WHERE id = '" +
                             ids[0] +
                             "'; INSERT INTO jobs (id, kind, subject_id) VALUES"
                             " ('job_SECOND0000000001', 'payment', '" +
                             ids[1] + "')"),
                 QStringList());
        auto worker = m_stack.startWorker();
        QVERIFY2(test::eventually(
                     [&] { return statusOf(ids[0]) != "pending" && statusOf(ids[1]) != "pending"; },
                     20000),
                 qPrintable(worker.process->output().right(3000)));
        worker.process->terminate();
        QCOMPARE(m_stack.sql("SELECT status || ' ' || coalesce(error_code, '-') FROM payments"
                             " WHERE order_id = '" +
                             order + "' ORDER BY status DESC"),
                 (QStringList{"success -", "failed ORDER_ALREADY_PAID"}));
        QCOMPARE(one("SELECT status FROM orders WHERE id = '" + order + "'"), QString("paid"));
        for (const QString &id : ids)
            QCOMPARE(one("SELECT count(*) FROM webhook_logs WHERE event IN ('payment.success',"
                         " 'payment.failed') AND payload::jsonb #>> '{data,payment,id}' = '" +
                         id + "'"),
                     QString("1"));
        QCOMPARE(m_stack.sql(index), QStringList()); // builds: one live payment per order again
    }

    void cleanupTestCase()
    {
        for (auto *s : {&m_server, &m_second})
            if (s->process)
                s->process->terminate();
        m_stack.stop();
    }
};

QTEST_MAIN(TestOneLivePayment)
#include "tst_onelivepayment.moc"
