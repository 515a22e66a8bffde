// A header click sorts the whole result on the server, not the page the table holds: with 45
// payments whose amounts are shuffled against their age, sorting by amount brings payments from
// every page to the first one, in the order the contract defines (ties by created_at, then id, in
// the same direction), and the next page continues it. A column the API cannot sort by sends
// nothing and leaves the indicator where the rows' order is. The API is FakeGateway, in process.
#include "console/datatableview.h"
#include "console/paymentsmodel.h"
#include "console/paymentspage.h"
#include "fakegateway.h"

#include <QHeaderView>
#include <QTest>
#include <algorithm>
#include <tuple>

using namespace gw;
using namespace gw::console;

class TestServerSort : public QObject
{
    Q_OBJECT
    test::FakeGateway m_api;
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

    enum Key { CreatedAt, Amount, Status };

    // The ids of one page of 20 sorted by `key`, ties by created_at and id, all in one direction.
    QStringList expectedIds(Key key, bool ascending, int offset) const
    {
        QList<Payment> all = m_api.payments();
        const auto sortKey = [key](const Payment &p) {
            return std::tuple(key == Amount ? p.amount : 0,
                              key == Status ? stringOf(p.status) : QString(), p.createdAt, p.id);
        };
        std::sort(all.begin(), all.end(), [&](const Payment &a, const Payment &b) {
            return ascending ? sortKey(a) < sortKey(b) : sortKey(b) < sortKey(a);
        });
        QStringList ids;
        for (const Payment &p : all.mid(offset, 20))
            ids << p.id;
        return ids;
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
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QList<PaymentStatus> statuses{PaymentStatus::Pending, PaymentStatus::Success,
                                            PaymentStatus::Failed};
        for (int i = 1; i <= 45; ++i)
            m_api.addPayment((i * 17 % 45 + 1) * 100, PaymentMethod::Upi, statuses.at(i % 3),
                             now.addSecs(-60 * i));
        m_api.connectAsTestMerchant();
        m_page = std::make_unique<PaymentsPage>(&m_api);
        m_page->setRefreshInterval(3600000);
        m_page->resize(1200, 700);
        m_page->show();
        QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 20, 10000);
        QCOMPARE(pageIds(), expectedIds(CreatedAt, false, 0));
    }

    void headerClickSortsEveryPage()
    {
        const int sent = m_api.requestsSent();
        clickHeader(PaymentsModel::Amount);
        QTRY_VERIFY(m_api.requestsSent() > sent && !m_page->model()->isLoading());
        const Qt::SortOrder first = m_page->view()->horizontalHeader()->sortIndicatorOrder();
        QCOMPARE(m_page->view()->horizontalHeader()->sortIndicatorSection(),
                 int(PaymentsModel::Amount));
        const bool ascending = first == Qt::AscendingOrder;
        QTRY_COMPARE(pageIds(), expectedIds(Amount, ascending, 0));

        m_page->model()->nextPage();
        QTRY_COMPARE(pageIds(), expectedIds(Amount, ascending, 20));

        // The other direction starts again at the first page.
        clickHeader(PaymentsModel::Amount);
        QTRY_VERIFY(m_page->view()->horizontalHeader()->sortIndicatorOrder() != first);
        QTRY_COMPARE(pageIds(), expectedIds(Amount, !ascending, 0));
        QCOMPARE(m_page->model()->offset(), 0);
        // Neither direction's first page is the newest-first one, nor a sort of it.
        const QStringList newest = expectedIds(CreatedAt, false, 0);
        for (const bool up : {true, false}) {
            QStringList a = expectedIds(Amount, up, 0), b = newest;
            a.sort();
            b.sort();
            QVERIFY(a != b);
        }
    }

    void statusSortsOnTheServerToo()
    {
        clickHeader(PaymentsModel::Status);
        QTRY_VERIFY(!m_page->model()->isLoading());
        const bool ascending =
            m_page->view()->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder;
        QTRY_COMPARE(pageIds(), expectedIds(Status, ascending, 0));
    }

    void unsortableColumnSendsNothing()
    {
        const QStringList before = pageIds();
        const int sent = m_api.requestsSent();
        // A header click sorts synchronously and requestsSent() counts at sending: a click that
        // sent anything has done so when mouseClick returns.
        clickHeader(PaymentsModel::Method);
        QCOMPARE(m_api.requestsSent(), sent);
        QCOMPARE(m_page->view()->horizontalHeader()->sortIndicatorSection(),
                 int(PaymentsModel::Status));
        QCOMPARE(pageIds(), before);
    }

    void cleanupTestCase() { m_page.reset(); }
};

QTEST_MAIN(TestServerSort)
#include "tst_serversort.moc"
