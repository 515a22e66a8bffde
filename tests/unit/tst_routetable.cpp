// The route table as data, without a server: every route once, described, under the paths and
// access its kind calls for. openapi.json and the server are both made from this one list.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "server/http/routetable.h"

#include <QSet>
#include <QTest>

using namespace gw::http;

class TestRouteTable : public QObject
{
    Q_OBJECT
    const RouteTable m_table = apiRouteTable();

private Q_SLOTS:
    void everyRouteOnceAndDescribed()
    {
        QVERIFY(m_table.routes().size() > 20);
        QSet<QString> seen;
        for (const Route &r : m_table.routes()) {
            const QString name = methodName(r.method) + u' ' + r.path;
            QVERIFY2(!seen.contains(name), qPrintable(name + QStringLiteral(" twice")));
            seen.insert(name);
            QVERIFY2(!r.summary.trimmed().isEmpty(),
                     qPrintable(name + QStringLiteral(": no summary")));
            QVERIFY2(r.path.startsWith(u'/'), qPrintable(name));
            QVERIFY2(r.handler || r.committing, qPrintable(name + QStringLiteral(": no handler")));
        }
    }

    void merchantRoutesAreUnderTheApi()
    {
        for (const Route &r : m_table.routes()) {
            if (r.access != Access::Merchant)
                continue;
            QVERIFY2(r.path.startsWith(QStringLiteral("/api/v1/")), qPrintable(r.path));
        }
    }

    // Writes are what a transaction and Idempotency-Key are for; a GET never writes.
    void onlyWritesWrite()
    {
        for (const Route &r : m_table.routes()) {
            const QString name = methodName(r.method) + u' ' + r.path;
            if (r.method == QHttpServerRequest::Method::Get)
                QVERIFY2(r.mode == Mode::Read && !r.committing, qPrintable(name));
            if (r.committing)
                QVERIFY2(r.mode != Mode::Read, qPrintable(name));
        }
    }

    void knownRoutes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("access");
        QTest::addRow("health") << "GET /health" << int(Access::None);
        QTest::addRow("create order") << "POST /api/v1/orders" << int(Access::Merchant);
        QTest::addRow("create payment") << "POST /api/v1/payments" << int(Access::Merchant);
        QTest::addRow("capture") << "POST /api/v1/payments/{id}/capture" << int(Access::Merchant);
        QTest::addRow("refund") << "POST /api/v1/payments/{id}/refunds" << int(Access::Merchant);
        QTest::addRow("stats") << "GET /api/v1/stats" << int(Access::Merchant);
        QTest::addRow("webhook retry")
            << "POST /api/v1/webhooks/{id}/retry" << int(Access::Merchant);
    }

    void knownRoutes()
    {
        QFETCH(QString, name);
        QFETCH(int, access);
        for (const Route &r : m_table.routes())
            if (methodName(r.method) + u' ' + r.path == name) {
                QCOMPARE(int(r.access), access);
                return;
            }
        QFAIL(qPrintable(name + QStringLiteral(" is not in the table")));
    }
};

QTEST_MAIN(TestRouteTable)
#include "tst_routetable.moc"
