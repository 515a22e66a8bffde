// A header click sorts the whole result on the server, not the page the table holds: with 45
// payments whose amounts are shuffled against their age, sorting by amount brings payments from
// every page to the first one, in PostgreSQL's order, and the next page continues it. A column the
// API cannot sort by sends nothing and leaves the indicator where the rows' order is.
#include "console/apiclient.h"
#include "console/datatableview.h"
#include "console/paymentsmodel.h"
#include "console/paymentspage.h"
#include "consolestack.h"

#include <QHeaderView>
#include <QTest>

using namespace gw;
using namespace gw::console;

class TestServerSort : public QObject
{
    Q_OBJECT
    test::ConsoleStack m_stack;
    ApiClient m_api;
    std::unique_ptr<PaymentsPage> m_page;

    QStringList pageIds() const
    {
        QStringList ids;
        const DataTableView *view = m_page->view();
        for (int row = 0; row < view->model()->rowCount(); ++row)
            ids << view->model()
                       ->index(row, PaymentsModel::Id)
                       .data(JsonTableModel::IdRole)
                       .toString();
        return ids;
    }

    QStringList sqlIds(const QString &order, int offset)
    {
        return m_stack.stack.sql(
            QStringLiteral("SELECT id FROM payments ORDER BY %1 LIMIT 20 OFFSET %2")
                .arg(order)
                .arg(offset));
    }

    void clickHeader(int column)
    {
        QHeaderView *header = m_page->view()->horizontalHeader();
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_stack.stack.sql(QStringLiteral(
            "INSERT INTO orders (id, merchant_id, amount, status, created_at)"
            " SELECT 'order_' || lpad(i::text, 16, '0'), '550e8400-e29b-41d4-a716-446655440000', "
            "(i * 17 % 45 + 1) * 100, 'paid',"
            " now() - i * interval '1 minute' FROM generate_series(1, 45) i"));
        m_stack.stack.sql(QStringLiteral(
            "INSERT INTO payments (id, order_id, merchant_id, amount, currency, method, vpa, "
            "status, created_at)"
            " SELECT 'pay_' || lpad(i::text, 16, '0'), 'order_' || lpad(i::text, 16, '0'),"
            " '550e8400-e29b-41d4-a716-446655440000', (i * 17 % 45 + 1) * 100, 'INR', 'upi', 'a@b',"
            " (ARRAY['pending', 'success', 'failed'])[i % 3 + 1], now() - i * interval '1 minute'"
            " FROM generate_series(1, 45) i"));
        m_stack.connect(m_api);
        m_page = std::make_unique<PaymentsPage>(&m_api);
        m_page->setRefreshInterval(3600000);
        m_page->resize(1200, 700);
        m_page->show();
        QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 20, 10000);
        QCOMPARE(pageIds(), sqlIds(QStringLiteral("created_at DESC, id DESC"), 0));
    }

    void headerClickSortsEveryPage()
    {
        const int sent = m_api.requestsSent();
        clickHeader(PaymentsModel::Amount);
        QTRY_VERIFY(m_api.requestsSent() > sent && !m_page->model()->isLoading());
        const Qt::SortOrder first = m_page->view()->horizontalHeader()->sortIndicatorOrder();
        QCOMPARE(m_page->view()->horizontalHeader()->sortIndicatorSection(),
                 int(PaymentsModel::Amount));
        const QString dir =
            first == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
        const QString order = QStringLiteral("amount %1, created_at %1, id %1").arg(dir);
        QTRY_COMPARE(pageIds(), sqlIds(order, 0));

        m_page->model()->nextPage();
        QTRY_COMPARE(pageIds(), sqlIds(order, 20));

        // The other direction starts again at the first page.
        clickHeader(PaymentsModel::Amount);
        QTRY_VERIFY(m_page->view()->horizontalHeader()->sortIndicatorOrder() != first);
        const QString other =
            first == Qt::AscendingOrder ? QStringLiteral("DESC") : QStringLiteral("ASC");
        QTRY_COMPARE(pageIds(),
                     sqlIds(QStringLiteral("amount %1, created_at %1, id %1").arg(other), 0));
        QCOMPARE(m_page->model()->offset(), 0);
        // Neither direction's first page is the newest-first one, nor a sort of it.
        const QStringList newest = sqlIds(QStringLiteral("created_at DESC, id DESC"), 0);
        for (const QString &d : {QStringLiteral("ASC"), QStringLiteral("DESC")}) {
            QStringList a = sqlIds(QStringLiteral("amount %1, created_at %1, id %1").arg(d), 0),
                        b = newest;
            a.sort();
            b.sort();
            QVERIFY(a != b);
        }
    }

    void statusSortsOnTheServerToo()
    {
        clickHeader(PaymentsModel::Status);
        QTRY_VERIFY(!m_page->model()->isLoading());
        const QString dir =
            m_page->view()->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder
                ? QStringLiteral("ASC")
                : QStringLiteral("DESC");
        QTRY_COMPARE(pageIds(),
                     sqlIds(QStringLiteral("status %1, created_at %1, id %1").arg(dir), 0));
    }

    void unsortableColumnSendsNothing()
    {
        const QStringList before = pageIds();
        const int sent = m_api.requestsSent();
        clickHeader(PaymentsModel::Method);
        QTest::qWait(300);
        QCOMPARE(m_api.requestsSent(), sent);
        QCOMPARE(m_page->view()->horizontalHeader()->sortIndicatorSection(),
                 int(PaymentsModel::Status));
        QCOMPARE(pageIds(), before);
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_stack.stop();
    }
};

QTEST_MAIN(TestServerSort)
#include "tst_serversort.moc"
