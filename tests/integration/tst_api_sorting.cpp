// Lists sort on the server (sort=created_at|amount|status, order=asc|desc) across every page, in
// the same order as PostgreSQL's ORDER BY with created_at and id as tie-breakers; bad values are
// a 400 naming the parameter; openapi.json describes both parameters.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/sqlfixture.h"
#include "support/teststack.h"

#include <QJsonArray>
#include <QTest>

using namespace gw;

class TestApiSorting : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    // Every id of a list, page after page.
    QStringList walk(const QString &path, const QString &query)
    {
        test::HttpClient c(m_server.baseUrl());
        QStringList ids;
        for (int offset = 0; offset < 1000; offset += 7) {
            const auto r = c.get(path + "?limit=7&offset=" + QString::number(offset) + '&' + query);
            if (r.status != 200) {
                qWarning() << path << query << r.status << r.body;
                return {};
            }
            const QJsonArray data = r.json().value("data").toArray();
            for (const QJsonValue &v : data)
                ids << v.toObject().value("id").toString();
            if (data.size() < 7)
                break;
        }
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.startWithServer(m_server), QString());
        // 40 orders and payments with repeating amounts (ties), mixed statuses and one created_at
        // shared by pairs (ties on time too), refunds of the successful ones and delivery logs.
        const QString m = "'550e8400-e29b-41d4-a716-446655440000'";
        m_stack.sql("INSERT INTO orders (id, merchant_id, amount, status, created_at)"
                    " SELECT 'order_' || lpad(i::text, 16, '0'), " +
                    m +
                    ", (i * 37 % 11 + 1) * 100,"
                    " CASE WHEN i % 3 = 0 THEN 'created' ELSE 'paid' END, now() - (i / 2) * "
                    "interval '1 minute'"
                    " FROM generate_series(1, 40) i");
        m_stack.sql(
            "INSERT INTO payments (id, order_id, merchant_id, amount, currency, method, vpa, "
            "status, created_at)"
            " SELECT 'pay_' || lpad(i::text, 16, '0'), 'order_' || lpad(i::text, 16, '0'), " +
            m +
            ","
            " (i * 37 % 11 + 1) * 100, 'INR', 'upi', 'a@b',"
            " (ARRAY['pending', 'success', 'failed'])[i % 3 + 1], now() - (i / 2) * interval '1 "
            "minute'"
            " FROM generate_series(1, 40) i");
        m_stack.sql(
            "INSERT INTO refunds (id, payment_id, merchant_id, amount, status, processed_at, "
            "created_at)"
            " SELECT 'rfnd_' || lpad(i::text, 16, '0'), 'pay_' || lpad(i::text, 16, '0'), " +
            m +
            ","
            " i % 5 + 1, CASE WHEN i % 2 = 0 THEN 'processed' ELSE 'pending' END,"
            " CASE WHEN i % 2 = 0 THEN now() END, now() - (i / 2) * interval '1 minute'"
            " FROM generate_series(1, 40) i WHERE i % 3 = 1");
        m_stack.sql("INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, status, "
                    "created_at)"
                    " SELECT gen_random_uuid(), " +
                    m +
                    ", 'evt_' || lpad(i::text, 16, '0'), 'payment.created', '{}',"
                    " (ARRAY['pending', 'success', 'failed'])[i % 3 + 1], now() - (i / 2) * "
                    "interval '1 minute'"
                    " FROM generate_series(1, 25) i");
        QCOMPARE(test::completeSqlFixture(m_stack), QString());
        QCOMPARE(m_stack.sql("SELECT count(*) FROM refunds").value(0), QString("14"));
    }

    void sortsTheWholeList_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("sql"); // the same list in PostgreSQL's order
        const QString m = " WHERE merchant_id = '550e8400-e29b-41d4-a716-446655440000'";
        for (const char *dir : {"asc", "desc"}) {
            const QString d = QString(dir).toUpper();
            const QString tie = ", created_at " + d + ", id " + d;
            for (const char *key : {"amount", "status", "created_at"}) {
                const QString order = QString(key) == "created_at"
                                          ? QString("created_at " + d + ", id " + d)
                                          : QString(QString(key) + ' ' + d + tie);
                QTest::addRow("payments %s %s", key, dir)
                    << "/api/v1/payments" << QString("sort=%1&order=%2").arg(key, dir)
                    << "SELECT id FROM payments" + m + " ORDER BY " + order;
                QTest::addRow("refunds %s %s", key, dir)
                    << "/api/v1/refunds" << QString("sort=%1&order=%2").arg(key, dir)
                    << "SELECT id FROM refunds" + m + " ORDER BY " + order;
                QTest::addRow("orders %s %s", key, dir)
                    << "/api/v1/orders" << QString("sort=%1&order=%2").arg(key, dir)
                    << "SELECT id FROM orders" + m + " ORDER BY " + order;
            }
            QTest::addRow("webhooks status %s", dir)
                << "/api/v1/webhooks" << QString("sort=status&order=%1").arg(dir)
                << "SELECT id::text FROM webhook_logs" + m + " ORDER BY status " + d + tie;
            QTest::addRow("successful payments by amount %s", dir)
                << "/api/v1/payments" << QString("status=success&sort=amount&order=%1").arg(dir)
                << "SELECT id FROM payments" + m + " AND status = 'success' ORDER BY amount " + d +
                       tie;
        }
        QTest::addRow("payments by amount, default order desc")
            << "/api/v1/payments"
            << "sort=amount"
            << "SELECT id FROM payments" + m + " ORDER BY amount DESC, created_at DESC, id DESC";
        QTest::addRow("payments ascending, default key created_at")
            << "/api/v1/payments"
            << "order=asc"
            << "SELECT id FROM payments" + m + " ORDER BY created_at, id";
        QTest::addRow("payments by default newest first")
            << "/api/v1/payments"
            << ""
            << "SELECT id FROM payments" + m + " ORDER BY created_at DESC, id DESC";
    }

    void sortsTheWholeList()
    {
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QString, sql);
        const QStringList expected = m_stack.sql(sql);
        QVERIFY(expected.size() >= 8); // more than one page
        QCOMPARE(walk(path, query), expected);
    }

    void badValuesNameTheParameter_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("field");
        QTest::addRow("unknown key") << "/api/v1/payments?sort=vpa"
                                     << "sort";
        QTest::addRow("SQL in the key") << "/api/v1/payments?sort=amount;DROP%20TABLE%20payments"
                                        << "sort";
        QTest::addRow("empty key") << "/api/v1/refunds?sort="
                                   << "sort";
        QTest::addRow("upper case direction") << "/api/v1/orders?order=DESC"
                                              << "order";
        QTest::addRow("unknown direction") << "/api/v1/payments?sort=amount&order=up"
                                           << "order";
        QTest::addRow("webhook logs have no amount") << "/api/v1/webhooks?sort=amount"
                                                     << "sort";
    }

    void badValuesNameTheParameter()
    {
        QFETCH(QString, path);
        QFETCH(QString, field);
        const auto r = test::HttpClient(m_server.baseUrl()).get(path);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QString("BAD_REQUEST_ERROR"));
        const QJsonObject error = r.json().value("error").toObject();
        QCOMPARE(error.value("field").toString(), field);
        QVERIFY2(error.value("description").toString().contains(field),
                 qPrintable(error.value("description").toString()));
        QCOMPARE(m_stack.sql("SELECT count(*) FROM payments").value(0), QString("40"));
    }

    void openApiDescribesSorting()
    {
        const QJsonObject paths = test::HttpClient(m_server.baseUrl())
                                      .get("/api/v1/openapi.json")
                                      .json()
                                      .value("paths")
                                      .toObject();
        for (const char *path :
             {"/api/v1/payments", "/api/v1/refunds", "/api/v1/orders", "/api/v1/webhooks"}) {
            const QJsonArray params =
                paths.value(path).toObject().value("get").toObject().value("parameters").toArray();
            QMap<QString, QJsonArray> values;
            for (const QJsonValue &p : params)
                if (p.toObject().value("in").toString() == "query")
                    values.insert(p.toObject().value("name").toString(),
                                  p.toObject().value("schema").toObject().value("enum").toArray());
            QVERIFY2(values.contains("limit") && values.contains("offset"), path);
            QCOMPARE(values.value("order"), (QJsonArray{"asc", "desc"}));
            const QJsonArray sort = values.value("sort");
            QVERIFY2(sort.contains("created_at") && sort.contains("status"), path);
            QCOMPARE(sort.contains("amount"), QString(path) != "/api/v1/webhooks");
        }
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestApiSorting)
#include "tst_api_sorting.moc"
