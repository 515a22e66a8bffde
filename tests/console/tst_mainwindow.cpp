// The whole window: pages stay closed until connected, Ctrl+1…6 and the sidebar's arrow keys move
// between pages, the overview fills its cards live, the refunds page follows a refund to
// "processed", and the docs page copies its snippets.
#include "console/connectionpage.h"
#include "console/docspage.h"
#include "console/httpapiclient.h"
#include "console/mainwindow.h"
#include "console/overviewmodel.h"
#include "console/overviewpage.h"
#include "console/refundsmodel.h"
#include "console/refundspage.h"
#include "consolestack.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;
using namespace gw::console;

class TestMainWindow : public QObject
{
    Q_OBJECT
    test::ConsoleStack m_stack;
    QTemporaryDir m_dir;
    HttpApiClient m_api;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QString m_payment;

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_payment = m_stack.createPayment(70000);
        QVERIFY(m_stack.waitForPayment(m_payment, QStringLiteral("success")));
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("console.ini")),
                                                 QSettings::IniFormat);
        m_window = std::make_unique<MainWindow>(&m_api, m_settings.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void pagesOpenOnlyOnceConnected()
    {
        QCOMPARE(m_window->currentPage(), MainWindow::Connection);
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), MainWindow::Connection);

        ConnectionPage *page = m_window->connectionPage();
        ConnectionSettings c;
        c.apiUrl = QUrl(m_stack.server.baseUrl());
        c.apiKey = QStringLiteral("key_test_abc123");
        c.apiSecret = QStringLiteral("secret_test_xyz789");
        page->setConnection(c);
        QSignalSpy connected(page, &ConnectionPage::connected);
        QTest::keyClick(page->findChild<QLineEdit *>(QStringLiteral("apiSecret")), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
        QCOMPARE(m_window->currentPage(), MainWindow::Overview);
    }

    void overviewFillsLive()
    {
        OverviewModel *model = m_window->overviewPage()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->value(OverviewModel::Payments), QStringLiteral("1"),
                                  10000);
        auto *card = m_window->overviewPage()->findChild<QLabel *>(
            QStringLiteral("metric_%1").arg(int(OverviewModel::Volume)));
        QVERIFY(card);
        QTRY_COMPARE(card->text(), QStringLiteral("₹700.00"));
        // A new payment shows up without anyone pressing refresh.
        m_window->overviewPage()->setRefreshInterval(300);
        const QString second = m_stack.createPayment(30000);
        QVERIFY(m_stack.waitForPayment(second, QStringLiteral("success")));
        QTRY_COMPARE_WITH_TIMEOUT(card->text(), QStringLiteral("₹1,000.00"), 10000);
    }

    void keyboardMovesBetweenPages()
    {
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), MainWindow::Payments);
        QTest::keyClick(m_window.get(), Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), MainWindow::Docs);
        auto *nav = m_window->findChild<QListWidget *>(QStringLiteral("navigation"));
        nav->setFocus();
        QTest::keyClick(nav, Qt::Key_Up);
        QCOMPARE(m_window->currentPage(), MainWindow::Webhooks);
        QTest::keyClick(nav, Qt::Key_Up);
        QCOMPARE(m_window->currentPage(), MainWindow::Refunds);
    }

    void refundsPageFollowsARefund()
    {
        m_window->refundsPage()->setRefreshIntervals(200, 5000);
        m_window->showPage(MainWindow::Refunds);
        const auto r =
            m_stack.http->post(QStringLiteral("/api/v1/payments/%1/refunds").arg(m_payment),
                               {{QStringLiteral("amount"), 1000}});
        QCOMPARE(r.status, 201);
        const QString refund = r.json().value(QStringLiteral("id")).toString();
        RefundsModel *model = m_window->refundsPage()->model();
        m_window->refundsPage()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(refund) >= 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(model->rowOf(refund), RefundsModel::Status).data().toString(),
            QStringLiteral("processed"), 20000);
    }

    void docsSnippetsAreCopyable()
    {
        m_window->showPage(MainWindow::Docs);
        DocsPage *docs = m_window->docsPage();
        QVERIFY(docs->snippet(DocsPage::CreateOrder)
                    .contains(m_stack.server.baseUrl() + QStringLiteral("/api/v1/orders")));
        QVERIFY(docs->snippet(DocsPage::CreateOrder)
                    .contains(QStringLiteral("X-Api-Key: key_test_abc123")));
        QVERIFY(
            !docs->snippet(DocsPage::CreateOrder).contains(QStringLiteral("secret_test_xyz789")));
        QVERIFY(
            docs->snippet(DocsPage::CheckoutSdk).contains(QStringLiteral("new PaymentGateway(")));
        QVERIFY(
            docs->snippet(DocsPage::VerifyWebhook).contains(QStringLiteral("createHmac('sha256'")));
        for (int i = 0; i < DocsPage::SnippetCount; ++i) {
            QTest::mouseClick(docs->findChild<QPushButton *>(QStringLiteral("copy_%1").arg(i)),
                              Qt::LeftButton);
            QCOMPARE(QApplication::clipboard()->text(), docs->snippet(DocsPage::Snippet(i)));
        }
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
