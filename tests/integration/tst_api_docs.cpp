// openapi.json describes every route the server registers, and /metrics exposes request counts,
// latency and the worker's job and webhook counters in Prometheus text, and the gauges an operator
// alerts on, read from Redis and PostgreSQL at scrape time.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "queue/redisclient.h"
#include "server/http/routetable.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QDateTime>
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
    void initTestCase() { QCOMPARE(m_stack.startWithServer(m_server), QString()); }

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
        QDirIterator it(test::TestStack::sourceDir() + "/server", {"*.cpp", "*.h"}, QDir::Files,
                        QDirIterator::Subdirectories);
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

    void operatorGauges()
    {
        queue::RedisClient redis(m_stack.redis());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto id = [now](int secondsAgo) {
            QByteArray id = QByteArray::number(now - secondsAgo * 1000);
            id.append("-0");
            return id;
        };
        // Three jobs appended 300, 90 and 30 s ago; a worker took the first: two wait, the
        // oldest of them for 90 s. Two more are delayed.
        QVERIFY(redis.command({"XGROUP", "CREATE", "gw:jobs", "workers", "0", "MKSTREAM"}));
        for (int ago : {300, 90, 30})
            QVERIFY(redis.command({"XADD", "gw:jobs", id(ago), "id", "job_x", "kind", "payment",
                                   "subject", "pay_x"}));
        QVERIFY(redis.command(
            {"XREADGROUP", "GROUP", "workers", "w1", "COUNT", "1", "STREAMS", "gw:jobs", ">"}));
        QVERIFY(redis.command({"ZADD", "gw:jobs:delayed", QByteArray::number(now + 60000), "a",
                               QByteArray::number(now + 90000), "b"}));
        const qint64 nowS = now / 1000;
        QVERIFY(redis.command({"ZADD", "gw:workers", QByteArray::number(nowS - 4), "worker-a",
                               QByteArray::number(nowS - 600), "worker-b"}));
        m_stack.sql("INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, status)"
                    " SELECT gen_random_uuid(), '550e8400-e29b-41d4-a716-446655440000', 'evt_g' || "
                    "lpad(i::text, 15, '0'),"
                    " 'payment.success', '{}', CASE WHEN i <= 3 THEN 'pending' WHEN i <= 5 THEN "
                    "'failed' ELSE 'success' END"
                    " FROM generate_series(1, 9) i");
        const QString pending =
            m_stack.sql("SELECT count(*) FROM webhook_logs WHERE status = 'pending'").value(0);
        const QString failed =
            m_stack.sql("SELECT count(*) FROM webhook_logs WHERE status = 'failed'").value(0);

        const QString text =
            QString::fromUtf8(test::HttpClient(m_server.baseUrl()).get("/metrics").body);
        auto value = [&text](const QString &series) {
            const QRegularExpression re("^" + QRegularExpression::escape(series) + " (\\S+)$",
                                        QRegularExpression::MultilineOption);
            const QRegularExpressionMatch m = re.match(text);
            return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
        };
        QCOMPARE(value("gateway_jobs_queued"), 2.0);
        QCOMPARE(value("gateway_jobs_in_flight"), 1.0);
        QCOMPARE(value("gateway_jobs_delayed"), 2.0);
        const double oldest = value("gateway_jobs_oldest_queued_age_seconds");
        QVERIFY2(oldest >= 90 && oldest < 150, qPrintable(QString::number(oldest)));
        QCOMPARE(value("gateway_webhook_deliveries_pending"), pending.toDouble());
        QCOMPARE(value("gateway_webhook_deliveries_failed"), failed.toDouble());
        QVERIFY(failed.toInt() >= 2);
        const double fresh = value("gateway_worker_heartbeat_age_seconds{worker=\"worker-a\"}");
        QVERIFY2(fresh >= 4 && fresh < 60, qPrintable(QString::number(fresh)));
        QVERIFY(value("gateway_worker_heartbeat_age_seconds{worker=\"worker-b\"}") >= 600);
        for (const char *type :
             {"gateway_jobs_queued gauge", "gateway_worker_heartbeat_age_seconds gauge"})
            QVERIFY2(text.contains(QString("# TYPE ") + type), type);
        // The worker's own counters are still there.
        QVERIFY(text.contains("# TYPE gateway_jobs_total counter"));

        // Once the waiting jobs are taken, nothing waits.
        QVERIFY(redis.command(
            {"XREADGROUP", "GROUP", "workers", "w1", "COUNT", "10", "STREAMS", "gw:jobs", ">"}));
        const QString after =
            QString::fromUtf8(test::HttpClient(m_server.baseUrl()).get("/metrics").body);
        QVERIFY(after.contains("\ngateway_jobs_queued 0\n"));
        QVERIFY(after.contains("\ngateway_jobs_oldest_queued_age_seconds 0\n"));
        QVERIFY(after.contains("\ngateway_jobs_in_flight 3\n"));
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestApiDocs)
#include "tst_api_docs.moc"
