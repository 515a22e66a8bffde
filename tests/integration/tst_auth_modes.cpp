// Test and live keys: an account's two keys each see only their own mode's objects (404 for the
// other's), every object says its mode, and outside TEST_MODE the documented test VPAs and cards
// force their outcome for test keys only; under TEST_MODE every payment keeps following
// TEST_PAYMENT_SUCCESS, whatever it pays with.
// Request bodies read better with plain string literals than with QStringLiteral everywhere.
#undef QT_NO_CAST_FROM_ASCII
#include "core/testinstruments.h"
#include "store/accountstore.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QJsonArray>
#include <QTest>

using namespace gw;

class TestAuthModes : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    // A new account, made as gateway-admin makes it: its live and test credentials, in that order.
    QList<store::CreatedKey> account(const QString &email)
    {
        store::Connection c(m_stack.database(), "tst-auth-modes");
        auto created = store::AccountStore(c, secrets::Hasher(m_stack.secretHashKey()))
                           .create({"Shop", email, {}});
        return created ? created->keys : QList<store::CreatedKey>{};
    }

    static std::unique_ptr<test::HttpClient> client(const test::RunningService &server,
                                                    const store::CreatedKey &key)
    {
        auto c = std::make_unique<test::HttpClient>(server.baseUrl());
        c->setCredentials(key.apiKey.toUtf8(), key.apiSecret.toUtf8());
        return c;
    }

    static QString create(test::HttpClient &c, const QString &path, const QJsonObject &body)
    {
        const auto r = c.post(path, body);
        if (r.status != 201)
            qWarning() << path << r.status << r.body;
        return r.json().value("id").toString();
    }

    static QJsonObject payWith(test::HttpClient &c, const TestInstrument &instrument)
    {
        const QString order = create(c, "/api/v1/orders", {{"amount", 1000}});
        QJsonObject body{{"order_id", order}, {"method", stringOf(instrument.method)}};
        if (instrument.method == PaymentMethod::Upi)
            body.insert("vpa", instrument.identifier);
        else
            body.insert("card", QJsonObject{{"number", instrument.identifier},
                                            {"expiry_month", "12"},
                                            {"expiry_year", "2099"},
                                            {"cvv", "123"}});
        return c.post("/api/v1/payments", body).json();
    }

    // The payment once processed (the worker outside TEST_MODE takes 5 to 10 s).
    static QJsonObject settled(test::HttpClient &c, const QString &id)
    {
        QJsonObject p;
        test::eventually(
            [&] {
                p = c.get("/api/v1/payments/" + id).json();
                return p.value("status").toString() != "pending";
            },
            30000);
        return p;
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.startWithServer(m_server), QString()); }

    void keysNeverSeeTheOtherModesObjects()
    {
        const auto keys = account("modes@example.com");
        QCOMPARE(keys.size(), 2);
        auto live = client(m_server, keys[0]);
        auto test = client(m_server, keys[1]);
        QVERIFY(keys[0].apiKey.startsWith("key_live_") && keys[1].apiKey.startsWith("key_test_"));

        const auto testOrder = test->post("/api/v1/orders", {{"amount", 1000}});
        QCOMPARE(testOrder.status, 201);
        QCOMPARE(testOrder.json().value("livemode"), QJsonValue(false));
        const QString order = testOrder.json().value("id").toString();
        const auto testPay = test->post("/api/v1/payments",
                                        {{"order_id", order}, {"method", "upi"}, {"vpa", "a@b"}});
        QCOMPARE(testPay.status, 201);
        QCOMPARE(testPay.json().value("livemode"), QJsonValue(false));
        const QString pay = testPay.json().value("id").toString();
        const auto liveOrder = live->post("/api/v1/orders", {{"amount", 1000}});
        QCOMPARE(liveOrder.status, 201);
        QCOMPARE(liveOrder.json().value("livemode"), QJsonValue(true));

        for (const QString &path : QStringList{"/api/v1/payments/" + pay, "/api/v1/orders/" + order,
                                               "/api/v1/payments/" + pay + "/refunds"})
            QVERIFY2(live->get(path).status == 404, qPrintable(path));
        QCOMPARE(
            live->post("/api/v1/payments", {{"order_id", order}, {"method", "upi"}, {"vpa", "a@b"}})
                .status,
            404);
        QCOMPARE(live->get("/api/v1/payments").json().value("total").toInt(), 0);
        QCOMPARE(live->get("/api/v1/orders").json().value("total").toInt(), 1);
        test::HttpClient liveKeyOnly(m_server.baseUrl());
        liveKeyOnly.setCredentials(keys[0].apiKey.toUtf8(), {});
        QCOMPARE(liveKeyOnly.get("/api/v1/orders/" + order + "/public").status, 404);
        QCOMPARE(liveKeyOnly.get("/api/v1/payments/" + pay + "/public").status, 404);
        QCOMPARE(test->get("/api/v1/orders/" + liveOrder.json().value("id").toString()).status,
                 404);
        QCOMPARE(test->get("/api/v1/payments/" + pay).json().value("livemode"), QJsonValue(false));

        // The seeded merchant's key is a test key.
        test::HttpClient seeded(m_server.baseUrl());
        QCOMPARE(seeded.post("/api/v1/orders", {{"amount", 100}}).json().value("livemode"),
                 QJsonValue(false));
        QCOMPARE(seeded.get("/api/v1/orders/" + order).status, 404);
    }

    void testInstrumentsForceOutcomesForTestKeysOnly()
    {
        const QMap<QString, QString> live{{"TEST_MODE", "false"}};
        auto server = m_stack.startServer(live);
        QVERIFY2(server.port, qPrintable(server.process->output()));
        auto worker = m_stack.startWorker(live);
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        const auto keys = account("simulator@example.com");
        QCOMPARE(keys.size(), 2);
        auto liveClient = client(server, keys[0]);
        auto testClient = client(server, keys[1]);

        QList<QPair<TestInstrument, QString>> forced;
        for (const auto &t : testInstruments())
            forced.append({t, payWith(*testClient, t).value("id").toString()});
        // A live key paying with the same instruments gets the ordinary processing: the
        // insufficient-funds ones never end as INSUFFICIENT_FUNDS (ordinary declines are
        // PAYMENT_FAILED).
        QStringList livePayments;
        for (int round = 0; round < 2; ++round)
            for (const auto &t : testInstruments())
                if (t.errorCode == "INSUFFICIENT_FUNDS")
                    livePayments << payWith(*liveClient, t).value("id").toString();

        for (const auto &[t, id] : forced) {
            const QJsonObject p = settled(*testClient, id);
            QVERIFY2(p.value("status").toString() == (t.succeeds ? "success" : "failed"),
                     qPrintable(t.identifier));
            QCOMPARE(p.value("error_code").toString(), t.errorCode);
            QCOMPARE(p.value("error_description").toString(), t.errorDescription);
            QCOMPARE(p.value("livemode"), QJsonValue(false));
        }
        QCOMPARE(livePayments.size(), 4);
        for (const QString &id : livePayments) {
            const QJsonObject p = settled(*liveClient, id);
            QVERIFY(p.value("status").toString() != "pending");
            QVERIFY(p.value("error_code").toString() != "INSUFFICIENT_FUNDS");
            QCOMPARE(p.value("livemode"), QJsonValue(true));
        }
        worker.process->terminate();
        server.process->terminate();
    }

    // Under TEST_MODE (the test stack's default) with TEST_PAYMENT_SUCCESS=false every payment
    // fails, the documented successful test VPA included.
    void testModeKeepsItsMeaningForEveryPayment()
    {
        auto worker = m_stack.startWorker({{"TEST_PAYMENT_SUCCESS", "false"}});
        QVERIFY2(worker.process->isRunning(), qPrintable(worker.process->output()));
        const auto keys = account("testmode@example.com");
        QCOMPARE(keys.size(), 2);
        auto testClient = client(m_server, keys[1]);
        const QString id = payWith(*testClient, testInstruments().first()).value("id").toString();
        QCOMPARE(testInstruments().first().identifier, QString("success@test"));
        const QJsonObject p = settled(*testClient, id);
        QCOMPARE(p.value("status").toString(), QString("failed"));
        QCOMPARE(p.value("error_code").toString(), QString("PAYMENT_FAILED"));
        worker.process->terminate();
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestAuthModes)
#include "tst_auth_modes.moc"
