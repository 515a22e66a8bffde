// checkout-web as a static server: content types, caching headers and ETags, the page aliases,
// API_PUBLIC_URL injected into the pages, 404 for anything outside web/ however the path is
// spelled, and the demo order step (test mode only, JSON only, a clear error when the API is away).
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace gw;

namespace {
// checkout-web needs no database or Redis: let it take the defaults instead of the stack's.
QMap<QString, QString> withoutStack(QMap<QString, QString> env)
{
    env.insert(QStringLiteral("DATABASE_URL"), QString());
    env.insert(QStringLiteral("REDIS_URL"), QString());
    return env;
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

class TestCheckoutWeb : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_web;
    quint16 m_deadApiPort = 0;

    // Sends one request exactly as written (no client-side path normalisation) and returns the
    // reply.
    QByteArray raw(const QByteArray &request)
    {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_web.port);
        if (!s.waitForConnected(5000))
            return {};
        s.write(request);
        QByteArray reply;
        // Keep-alive: read until the announced body is complete.
        while (s.waitForReadyRead(3000)) {
            reply += s.readAll();
            const qsizetype end = reply.indexOf("\r\n\r\n");
            if (end < 0)
                continue;
            const QByteArray head = reply.left(end).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qsizetype length =
                at < 0 ? 0
                       : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (reply.size() >= end + 4 + length)
                break;
        }
        return reply;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_deadApiPort = closedPort();
        m_web = m_stack.startBinary(
            QStringLiteral("checkout-web/checkout-web"),
            withoutStack(
                {{QStringLiteral("API_PUBLIC_URL"), QStringLiteral("http://api.example.test:8123")},
                 {QStringLiteral("API_INTERNAL_URL"),
                  QStringLiteral("http://127.0.0.1:%1").arg(m_deadApiPort)},
                 {QStringLiteral("CHECKOUT_PUBLIC_URL"),
                  QStringLiteral("http://pay.example.test")}}));
        QVERIFY2(m_web.port, m_web.process ? qPrintable(m_web.process->output()) : "not started");
        QVERIFY(
            m_web.process->output().contains(QStringLiteral("checkout-web listening on port ")));
    }

    void servesFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("cacheControl");
        QTest::addColumn<QByteArray>("contains");
        QTest::addRow("sdk") << "/checkout.js" << QByteArray("text/javascript; charset=utf-8")
                             << QByteArray("public, max-age=300")
                             << QByteArray("window.PaymentGateway");
        QTest::addRow("checkout page")
            << "/checkout" << QByteArray("text/html; charset=utf-8") << QByteArray("no-cache")
            << QByteArray("data-test-id=\"checkout-container\"");
        QTest::addRow("checkout.html")
            << "/checkout.html" << QByteArray("text/html; charset=utf-8") << QByteArray("no-cache")
            << QByteArray("data-test-id=\"pay-button\"");
        QTest::addRow("query ignored")
            << "/checkout?order_id=order_x&key=k&embedded=true"
            << QByteArray("text/html; charset=utf-8") << QByteArray("no-cache")
            << QByteArray("data-test-id=\"order-summary\"");
        QTest::addRow("demo") << "/demo" << QByteArray("text/html; charset=utf-8")
                              << QByteArray("no-cache") << QByteArray("/checkout.js");
        QTest::addRow("root") << "/" << QByteArray("text/html; charset=utf-8")
                              << QByteArray("no-cache") << QByteArray("Chai &amp; Co.");
        QTest::addRow("css") << "/checkout.css" << QByteArray("text/css; charset=utf-8")
                             << QByteArray("public, max-age=300") << QByteArray(".pay-button");
        QTest::addRow("module") << "/validation.js" << QByteArray("text/javascript; charset=utf-8")
                                << QByteArray("public, max-age=300")
                                << QByteArray("export function luhnValid");
        QTest::addRow("encoded name")
            << "/checkout%2Ejs" << QByteArray("text/javascript; charset=utf-8")
            << QByteArray("public, max-age=300") << QByteArray("PaymentGateway");
    }

    void servesFiles()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, cacheControl);
        QFETCH(QByteArray, contains);
        const auto r = test::HttpClient(m_web.baseUrl()).get(path);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), contentType);
        QCOMPARE(r.header("Cache-Control"), cacheControl);
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QVERIFY(r.header("ETag").startsWith('"'));
        QVERIFY2(r.body.contains(contains), r.body.left(300).constData());
        QVERIFY2(!r.body.contains("{{"), "a placeholder was left in the page");
    }

    void pagesCarryTheApiUrl()
    {
        const auto r = test::HttpClient(m_web.baseUrl()).get(QStringLiteral("/checkout"));
        QVERIFY(r.body.contains(
            "<meta name=\"gateway-api-url\" content=\"http://api.example.test:8123\">"));
        QVERIFY(r.body.contains("<meta name=\"gateway-test-mode\" content=\"true\">"));
        // The page may talk to its own origin and the API, nothing else, and may be framed
        // anywhere.
        const QByteArray csp = r.header("Content-Security-Policy");
        QVERIFY2(csp.contains("connect-src 'self' http://api.example.test:8123;"), csp.constData());
        QVERIFY(csp.contains("script-src 'self'"));
        QVERIFY(!csp.contains("frame-ancestors"));
        const auto demo = test::HttpClient(m_web.baseUrl()).get(QStringLiteral("/demo"));
        QVERIFY(demo.body.contains("content=\"http://pay.example.test\""));
    }

    void sdkMayBeLoadedFromAnyOrigin()
    {
        const auto r = test::HttpClient(m_web.baseUrl()).get(QStringLiteral("/checkout.js"));
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*"));
    }

    void etagRevalidates()
    {
        test::HttpClient client(m_web.baseUrl());
        const auto first = client.get(QStringLiteral("/checkout.js"));
        const auto again =
            client.get(QStringLiteral("/checkout.js"), {{"If-None-Match", first.header("ETag")}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        const auto stale =
            client.get(QStringLiteral("/checkout.js"), {{"If-None-Match", "\"other\""}});
        QCOMPARE(stale.status, 200);
    }

    void outsideWebIsNotFound_data()
    {
        QTest::addColumn<QByteArray>("target");
        for (const char *t : {"/nope",
                              "/checkout/",
                              "/CHECKOUT.JS",
                              "/web/checkout.js",
                              "/../CMakeLists.txt",
                              "/../../../../etc/passwd",
                              "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                              "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                              "/..%2f..%2f..%2fetc%2fpasswd",
                              "/checkout.js/../../etc/passwd",
                              "/....//....//etc/passwd",
                              "//etc/passwd",
                              "/..%5c..%5cetc%5cpasswd",
                              "/%252e%252e/etc/passwd",
                              "/checkout.js%00.html",
                              "/../migrations/001_schema.sql",
                              "/%2e%2e/migrations/002_seed_test_merchant.sql",
                              "/.%2e/checkout-web/main.cpp",
                              "/:/migrations/001_schema.sql",
                              "/web/../../CMakeLists.txt",
                              "/demo/order"})
            QTest::addRow("%s", t) << QByteArray(t);
    }

    void outsideWebIsNotFound()
    {
        QFETCH(QByteArray, target);
        const QByteArray reply = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY2(reply.startsWith("HTTP/1.1 404"), reply.left(200).constData());
        QVERIFY(!reply.contains("root:"));
        QVERIFY(!reply.contains("CREATE TABLE"));
        QVERIFY(!reply.contains("cmake_minimum_required"));
    }

    void otherMethodsAreNotFound()
    {
        test::HttpClient client(m_web.baseUrl());
        QCOMPARE(client.send("DELETE", QStringLiteral("/checkout.js"), {}).status, 404);
        QCOMPARE(client.post(QStringLiteral("/checkout"), {}).status, 404);
    }

    void demoOrderNeedsJson()
    {
        test::HttpClient client(m_web.baseUrl());
        const auto r = client.send("POST", QStringLiteral("/demo/order"), "amount=50000",
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(r.status, 415);
        QCOMPARE(r.errorCode(), QStringLiteral("BAD_REQUEST_ERROR"));
    }

    void demoOrderChecksTheAmount_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("too small") << QByteArray(R"({"amount":99})");
        QTest::addRow("fraction") << QByteArray(R"({"amount":100.5})");
        QTest::addRow("string") << QByteArray(R"({"amount":"500"})");
        QTest::addRow("huge") << QByteArray(R"({"amount":1e12})");
        QTest::addRow("not json") << QByteArray("{");
        QTest::addRow("array") << QByteArray("[]");
    }

    void demoOrderChecksTheAmount()
    {
        QFETCH(QByteArray, body);
        const auto r = test::HttpClient(m_web.baseUrl())
                           .send("POST", QStringLiteral("/demo/order"), body,
                                 {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()[u"error"].toObject()[u"field"].toString(), QStringLiteral("amount"));
    }

    void demoOrderReportsAnUnreachableApi()
    {
        const auto r = test::HttpClient(m_web.baseUrl())
                           .send("POST", QStringLiteral("/demo/order"), R"({"amount":50000})",
                                 {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 502);
        QCOMPARE(r.errorCode(), QStringLiteral("SERVICE_UNAVAILABLE"));
        QVERIFY(m_web.process->isRunning());
    }

    void demoOrderIsTestModeOnly()
    {
        auto live = m_stack.startBinary(
            QStringLiteral("checkout-web/checkout-web"),
            withoutStack({{QStringLiteral("TEST_MODE"), QStringLiteral("false")}}));
        QVERIFY(live.port);
        const auto r = test::HttpClient(live.baseUrl())
                           .send("POST", QStringLiteral("/demo/order"), R"({"amount":50000})",
                                 {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 404);
        const auto page = test::HttpClient(live.baseUrl()).get(QStringLiteral("/checkout"));
        QVERIFY(page.body.contains("<meta name=\"gateway-test-mode\" content=\"false\">"));
        live.process->terminate();
    }

    void badConfigurationIsAClearError()
    {
        QProcess p;
        auto env = m_stack.environment(
            withoutStack({{QStringLiteral("CHECKOUT_PORT"), QStringLiteral("nope")}}));
        env.remove(QStringLiteral("DATABASE_URL"));
        env.remove(QStringLiteral("REDIS_URL"));
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(test::TestStack::buildDir() + QStringLiteral("/checkout-web/checkout-web"), {});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAll().contains("CHECKOUT_PORT"), "the error names the variable");
    }

    void cleanupTestCase()
    {
        if (m_web.process)
            m_web.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestCheckoutWeb)
#include "tst_checkoutweb.moc"
