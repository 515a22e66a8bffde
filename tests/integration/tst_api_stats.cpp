// GET /api/v1/stats against rows seeded at known times: every bucket and every total equals what
// PostgreSQL counts for the same range, another merchant's rows never count, the range is
// [from, to) with buckets aligned to UTC, and bad parameters are a 400 naming the parameter.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/sqlfixture.h"
#include "support/teststack.h"

#include <QJsonArray>
#include <QTest>

using namespace gw;

namespace {
const QString kMerchant = "'550e8400-e29b-41d4-a716-446655440000'";
const QString kOther = "'6f1d0a4e-1111-4c2b-9b7e-0a8f4b1c2d3e'";
} // namespace

class TestApiStats : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    qint64 count(const QString &sql) { return m_stack.sql(sql).value(0).toLongLong(); }

    QJsonObject stats(const QString &query)
    {
        const auto r = test::HttpClient(m_server.baseUrl()).get("/api/v1/stats?" + query);
        if (r.status != 200)
            qWarning() << query << r.status << r.body;
        return r.json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.startWithServer(m_server), QString());
        m_stack.sql("INSERT INTO merchants (id, name, email, api_key, api_secret, webhook_secret) "
                    "VALUES (" +
                    kOther + ", 'Other', 'other@example.com', 'key_other', '" +
                    m_stack.secretHash("secret_other") + "', 'whsec_other')");
        // 300 payments of ours over 2026-01-10 09:00–12:00 UTC (every 37 s, statuses and methods
        // mixed) and 50 of the other merchant's in the same hours.
        for (const auto &[merchant, prefix, n] :
             {std::tuple{kMerchant, QString("a"), 300}, std::tuple{kOther, QString("b"), 50}}) {
            const QString id = "'" + prefix + "' || lpad(i::text, 15, '0')";
            m_stack.sql(QString("INSERT INTO orders (id, merchant_id, amount, status, created_at)"
                                " SELECT 'order_' || %1, %2, 100 + i, 'paid', "
                                "'2026-01-10T09:00:00Z'::timestamptz + i * interval '37 seconds'"
                                " FROM generate_series(1, %3) i")
                            .arg(id, merchant)
                            .arg(n));
            m_stack.sql(
                QString("INSERT INTO payments (id, order_id, merchant_id, amount, currency, "
                        "method, vpa, card_network,"
                        " card_last4, status, created_at)"
                        " SELECT 'pay_' || %1, 'order_' || %1, %2, 100 + i, 'INR',"
                        " CASE WHEN i % 4 = 0 THEN 'card' ELSE 'upi' END, CASE WHEN i % 4 = 0 THEN "
                        "NULL ELSE 'a@b' END,"
                        " CASE WHEN i % 4 = 0 THEN 'visa' END, CASE WHEN i % 4 = 0 THEN '4242' END,"
                        " (ARRAY['pending', 'success', 'success', 'failed', 'success'])[i % 5 + 1],"
                        " '2026-01-10T09:00:00Z'::timestamptz + i * interval '37 seconds'"
                        " FROM generate_series(1, %3) i")
                    .arg(id, merchant)
                    .arg(n));
            m_stack.sql(QString("INSERT INTO refunds (id, payment_id, merchant_id, amount, status, "
                                "processed_at, created_at)"
                                " SELECT 'rfnd_' || %1, 'pay_' || %1, %2, 10 + i % 7, CASE WHEN i "
                                "% 2 = 0 THEN 'processed' ELSE 'pending' END,"
                                " CASE WHEN i % 2 = 0 THEN now() END, "
                                "'2026-01-10T09:00:00Z'::timestamptz + i * interval '37 seconds'"
                                " FROM generate_series(1, %3) i WHERE i % 5 IN (1, 2, 4)")
                            .arg(id, merchant)
                            .arg(n));
            m_stack.sql(
                QString("INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, "
                        "status, created_at)"
                        " SELECT gen_random_uuid(), %2, 'evt_' || %1, 'payment.success', '{}',"
                        " (ARRAY['success', 'success', 'failed', 'pending'])[i % 4 + 1],"
                        " '2026-01-10T09:00:00Z'::timestamptz + i * interval '41 seconds'"
                        " FROM generate_series(1, %3) i")
                    .arg(id, merchant)
                    .arg(n));
        }
        QCOMPARE(test::completeSqlFixture(m_stack), QString());
        QCOMPARE(count("SELECT count(*) FROM payments"), 350);
    }

    // Each minute of 10:00–11:00 against PostgreSQL's own count of that minute.
    void minuteBucketsEqualSql()
    {
        const QJsonObject s =
            stats("from=2026-01-10T10:00:00Z&to=2026-01-10T11:00:00Z&bucket=minute");
        QCOMPARE(s.value("bucket").toString(), QString("minute"));
        QCOMPARE(s.value("from").toString(), QString("2026-01-10T10:00:00.000Z"));
        const QJsonArray series = s.value("series").toArray();
        QCOMPARE(series.size(), 60);
        const QString range =
            " WHERE merchant_id = " + kMerchant +
            " AND created_at >= '%1' AND created_at < '%1'::timestamptz + interval '1 minute'";
        for (int i = 0; i < 60; ++i) {
            const QJsonObject b = series.at(i).toObject();
            const QString start = QString("2026-01-10T10:%1:00.000Z").arg(i, 2, 10, QChar('0'));
            QCOMPARE(b.value("start").toString(), start);
            const QString where = range.arg(start);
            const QJsonObject p = b.value("payments").toObject();
            for (const char *status : {"pending", "success", "failed"})
                QCOMPARE(p.value(status).toInteger(),
                         count("SELECT count(*) FROM payments" + where + " AND status = '" +
                               status + "'"));
            QCOMPARE(b.value("volume").toInteger(),
                     count("SELECT coalesce(sum(amount), 0) FROM payments" + where +
                           " AND status = 'success'"));
            const QJsonObject w = b.value("webhooks").toObject();
            for (const char *status : {"pending", "success", "failed"})
                QCOMPARE(w.value(status).toInteger(),
                         count("SELECT count(*) FROM webhook_logs" + where + " AND status = '" +
                               status + "'"));
            const qint64 decided = p.value("success").toInteger() + p.value("failed").toInteger();
            if (decided == 0)
                QVERIFY(b.value("success_rate").isNull());
            else
                QCOMPARE(b.value("success_rate").toDouble(),
                         double(p.value("success").toInteger()) / double(decided));
        }
    }

    // Totals over a range that does not start on a bucket boundary: rows from `from` on, buckets
    // from the hour that holds it.
    void totalsEqualSql()
    {
        const QJsonObject s =
            stats("from=2026-01-10T09:30:00Z&to=2026-01-10T11:45:00Z&bucket=hour");
        const QJsonArray series = s.value("series").toArray();
        QCOMPARE(series.size(), 3);
        QCOMPARE(series.at(0).toObject().value("start").toString(),
                 QString("2026-01-10T09:00:00.000Z"));
        QCOMPARE(series.at(2).toObject().value("start").toString(),
                 QString("2026-01-10T11:00:00.000Z"));
        const QString where =
            " WHERE merchant_id = " + kMerchant +
            " AND created_at >= '2026-01-10T09:30:00Z' AND created_at < '2026-01-10T11:45:00Z'";
        const QJsonObject t = s.value("totals").toObject();
        QCOMPARE(t.value("payments").toInteger(), count("SELECT count(*) FROM payments" + where));
        QVERIFY(t.value("payments").toInteger() > 150);
        for (const char *status : {"pending", "success", "failed"})
            QCOMPARE(
                t.value("payments_by_status").toObject().value(status).toInteger(),
                count("SELECT count(*) FROM payments" + where + " AND status = '" + status + "'"));
        for (const char *method : {"upi", "card"})
            QCOMPARE(
                t.value("payments_by_method").toObject().value(method).toInteger(),
                count("SELECT count(*) FROM payments" + where + " AND method = '" + method + "'"));
        QCOMPARE(t.value("volume").toInteger(),
                 count("SELECT sum(amount) FROM payments" + where + " AND status = 'success'"));
        const double success =
            count("SELECT count(*) FROM payments" + where + " AND status = 'success'");
        const double failed =
            count("SELECT count(*) FROM payments" + where + " AND status = 'failed'");
        QCOMPARE(t.value("success_rate").toDouble(), success / (success + failed));
        QCOMPARE(t.value("refunds").toInteger(), count("SELECT count(*) FROM refunds" + where));
        for (const char *status : {"pending", "processed"})
            QCOMPARE(
                t.value("refunds_by_status").toObject().value(status).toInteger(),
                count("SELECT count(*) FROM refunds" + where + " AND status = '" + status + "'"));
        QCOMPARE(t.value("refunded_amount").toInteger(),
                 count("SELECT sum(amount) FROM refunds" + where + " AND status = 'processed'"));
        for (const char *status : {"pending", "success", "failed"})
            QCOMPARE(t.value("webhooks_by_status").toObject().value(status).toInteger(),
                     count("SELECT count(*) FROM webhook_logs" + where + " AND status = '" +
                           status + "'"));
        const QJsonObject jobs = t.value("jobs").toObject();
        for (const char *k : {"queued", "in_flight", "delayed"})
            QVERIFY2(jobs.value(k).isDouble(), k);
    }

    void dayBucketsAndDefaults()
    {
        const QJsonObject day =
            stats("from=2026-01-09T12:00:00Z&to=2026-01-11T00:00:00Z&bucket=day");
        const QJsonArray series = day.value("series").toArray();
        QCOMPARE(series.size(), 2);
        QCOMPARE(series.at(1).toObject().value("start").toString(),
                 QString("2026-01-10T00:00:00.000Z"));
        QCOMPARE(series.at(1).toObject().value("payments").toObject().value("success").toInteger(),
                 count("SELECT count(*) FROM payments WHERE merchant_id = " + kMerchant +
                       " AND status = 'success'"));
        // Unix seconds work as well; no range: the last 24 hours in hour buckets, none of ours.
        QCOMPARE(stats("from=1768035600&to=1768039200&bucket=minute")
                     .value("totals")
                     .toObject()
                     .value("payments")
                     .toInteger(),
                 count("SELECT count(*) FROM payments WHERE merchant_id = " + kMerchant +
                       " AND created_at >= to_timestamp(1768035600) AND created_at < "
                       "to_timestamp(1768039200)"));
        const QJsonObject recent = stats("");
        QCOMPARE(recent.value("bucket").toString(), QString("hour"));
        QVERIFY(recent.value("series").toArray().size() >= 24);
        QCOMPARE(recent.value("totals").toObject().value("payments").toInteger(), 0);
    }

    void badParametersNameTheField_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::addRow("unknown bucket") << "bucket=week"
                                        << "bucket";
        QTest::addRow("empty bucket") << "bucket="
                                      << "bucket";
        QTest::addRow("bad from") << "from=yesterday"
                                  << "from";
        QTest::addRow("bad to") << "to=2026-13-40"
                                << "to";
        QTest::addRow("from after to") << "from=2026-01-10T11:00:00Z&to=2026-01-10T10:00:00Z"
                                       << "from";
        QTest::addRow("empty range") << "from=2026-01-10T10:00:00Z&to=2026-01-10T10:00:00Z"
                                     << "from";
        QTest::addRow("too many minutes")
            << "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&bucket=minute"
            << "bucket";
    }

    void badParametersNameTheField()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const auto r = test::HttpClient(m_server.baseUrl()).get("/api/v1/stats?" + query);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QString("BAD_REQUEST_ERROR"));
        QCOMPARE(r.json().value("error").toObject().value("field").toString(), field);
    }

    void needsCredentials()
    {
        test::HttpClient c(m_server.baseUrl());
        c.clearCredentials();
        QCOMPARE(c.get("/api/v1/stats").status, 401);
    }

    void describedInOpenApi()
    {
        const QJsonObject op = test::HttpClient(m_server.baseUrl())
                                   .get("/api/v1/openapi.json")
                                   .json()
                                   .value("paths")
                                   .toObject()
                                   .value("/api/v1/stats")
                                   .toObject()
                                   .value("get")
                                   .toObject();
        QVERIFY(!op.isEmpty());
        QStringList names;
        for (const QJsonValue &p : op.value("parameters").toArray())
            names << p.toObject().value("name").toString();
        QCOMPARE(names, (QStringList{"from", "to", "bucket"}));
        QVERIFY(!op.value("security").toArray().isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestApiStats)
#include "tst_api_stats.moc"
