// openapi.json describes every route the server registers, and /metrics exposes request counts,
// latency and the worker's job and webhook counters in Prometheus text.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "queue/redisclient.h"
#include "server/routetable.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace gw;

class TestApiDocs : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_server = m_stack.startServer();
        QVERIFY2(m_server.port, qPrintable(m_server.process->output()));
    }

    void everyRouteIsDescribed()
    {
        const auto doc = test::HttpClient(m_server.baseUrl()).get("/api/v1/openapi.json");
        QCOMPARE(doc.status, 200);
        const QJsonObject paths = doc.json().value("paths").toObject();
        const QList<http::Route> routes = http::apiRouteTable().routes();
        QVERIFY(routes.size() >= 28);
        int operations = 0;
        for (const http::Route &route : routes) {
            const QString method = http::methodName(route.method).toLower();
            const QJsonObject op = paths.value(route.path).toObject().value(method).toObject();
            QVERIFY2(!op.isEmpty(),
                     qPrintable(method + ' ' + route.path + " is not in openapi.json"));
            QVERIFY2(!op.value("summary").toString().trimmed().isEmpty(),
                     qPrintable(route.path + " has no description"));
            QVERIFY(op.contains("responses"));
        }
        for (auto it = paths.begin(); it != paths.end(); ++it)
            operations += int(it.value().toObject().size());
        QCOMPARE(operations, int(routes.size())); // nothing described that is not served
        // The contract's routes are all there.
        for (const char *p : {"/health",
                              "/api/v1/orders",
                              "/api/v1/orders/{id}",
                              "/api/v1/payments",
                              "/api/v1/payments/{id}",
                              "/api/v1/payments/{id}/capture",
                              "/api/v1/payments/{id}/refunds",
                              "/api/v1/refunds",
                              "/api/v1/refunds/{id}",
                              "/api/v1/webhooks",
                              "/api/v1/webhooks/{id}",
                              "/api/v1/webhooks/{id}/retry",
                              "/api/v1/webhooks/config",
                              "/api/v1/webhooks/config/secret",
                              "/api/v1/webhooks/test",
                              "/api/v1/test/jobs/status",
                              "/api/v1/test/merchant",
                              "/api/v1/orders/{id}/public",
                              "/api/v1/payments/public",
                              "/api/v1/payments/{id}/public",
                              "/api/v1/openapi.json",
                              "/metrics"})
            QVERIFY2(paths.contains(p), p);
    }

    void everyDescribedRouteIsServed()
    {
        const QJsonObject paths = test::HttpClient(m_server.baseUrl())
                                      .get("/api/v1/openapi.json")
                                      .json()
                                      .value("paths")
                                      .toObject();
        test::HttpClient c(m_server.baseUrl());
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            const QString path = QString(it.key()).replace("{id}", "x");
            for (const QString &method : it.value().toObject().keys()) {
                const auto r = c.send(method.toUpper().toLatin1(), path,
                                      method == "get" ? QByteArray() : QByteArray("{}"));
                // The missing handler's answer would be "No such route".
                QVERIFY2(!r.body.contains("No such route"), qPrintable(method + ' ' + path));
                QVERIFY2(r.status > 0 && r.status < 500,
                         qPrintable(method + ' ' + path + ' ' + QString::number(r.status)));
            }
        }
    }

    // Routes are registered only through the route table, so none can skip openapi.json.
    void routesAreOnlyRegisteredThroughTheTable()
    {
        QDirIterator it(test::TestStack::sourceDir() + "/server", {"*.cpp", "*.h"});
        int files = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            ++files;
            if (file.endsWith("/routetable.cpp"))
                continue;
            QVERIFY2(!text.contains(QRegularExpression("\\.route\\s*\\(")),
                     qPrintable(file + " registers a route outside the table"));
        }
        QVERIFY(files > 10);
    }

    void metrics()
    {
        test::HttpClient c(m_server.baseUrl());
        // The value of one series, 0 when absent.
        auto series = [&c](const QString &name) {
            const QString text = QString::fromUtf8(c.get("/metrics").body);
            const QRegularExpression re("^" + QRegularExpression::escape(name) + " (\\S+)$",
                                        QRegularExpression::MultilineOption);
            return re.match(text).captured(1).toDouble();
        };
        const QString created =
            "gateway_http_requests_total{route=\"POST /api/v1/orders\",status=\"201\"}";
        const QString refused =
            "gateway_http_requests_total{route=\"POST /api/v1/orders\",status=\"400\"}";
        const QString missing =
            "gateway_http_requests_total{route=\"GET /api/v1/orders/{id}\",status=\"404\"}";
        const QString count =
            "gateway_http_request_duration_seconds_count{route=\"POST /api/v1/orders\"}";
        const QString inf = "gateway_http_request_duration_seconds_bucket{route=\"POST "
                            "/api/v1/orders\",le=\"+Inf\"}";
        const double created0 = series(created), refused0 = series(refused),
                     missing0 = series(missing), count0 = series(count);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(c.post("/api/v1/orders", {{"amount", 1000}}).status, 201);
        QCOMPARE(c.post("/api/v1/orders", {{"amount", 1}}).status, 400);
        QCOMPARE(c.get("/api/v1/orders/order_0000000000000000").status, 404);
        QCOMPARE(series(created) - created0, 3.0);
        QCOMPARE(series(refused) - refused0, 1.0);
        QCOMPARE(series(missing) - missing0, 1.0);
        QCOMPARE(series(count) - count0, 4.0);
        QCOMPARE(series(inf), series(count));

        queue::RedisClient redis(m_stack.redis());
        QVERIFY(
            redis.command({"HSET", "gw:metrics", "job.payment.success", "7", "job.refund.failure",
                           "2", "webhook.attempt.success", "5", "webhook.attempt.failure", "1"}));
        const auto r = c.get("/metrics");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/plain"));
        const QString text = QString::fromUtf8(r.body);
        for (const char *line : {"gateway_jobs_total{type=\"payment\",outcome=\"success\"} 7",
                                 "gateway_jobs_total{type=\"payment\",outcome=\"failure\"} 0",
                                 "gateway_jobs_total{type=\"refund\",outcome=\"failure\"} 2",
                                 "gateway_jobs_total{type=\"webhook\",outcome=\"success\"} 0",
                                 "gateway_webhook_attempts_total{outcome=\"success\"} 5",
                                 "gateway_webhook_attempts_total{outcome=\"failure\"} 1",
                                 "# TYPE gateway_http_request_duration_seconds histogram"})
            QVERIFY2(text.contains(QString::fromUtf8(line)), line);
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
    }
};

QTEST_GUILESS_MAIN(TestApiDocs)
#include "tst_api_docs.moc"
