// The payments page against the API (FakeGateway, in process): filters reach the API, a payment's
// details show what remains refundable, a partial refund goes through the dialog, an over-refund is
// refused before anything is sent, and capture works. The details list the order's other payment
// attempts.
#include "console/apifields.h"
#include "console/datatableview.h"
#include "console/paymentdetailsview.h"
#include "console/paymentsmodel.h"
#include "console/paymentspage.h"
#include "console/refunddialog.h"
#include "core/ids.h"
#include "fakegateway.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <tuple>

using namespace gw;
using namespace gw::console;

class TestPaymentsPage : public QObject
{
    Q_OBJECT
    test::FakeGateway m_api;
    std::unique_ptr<PaymentsPage> m_page;
    QString m_upi;
    QString m_card;

    QPushButton *button(QWidget *in, const char *name)
    {
        auto *b = in->findChild<QPushButton *>(QString::fromLatin1(name));
        Q_ASSERT(b);
        return b;
    }

    QJsonArray refundsOf(const QString &payment)
    {
        return m_api.answer({"GET", api::paymentRefunds(payment), {}, {}}).rows();
    }

    RefundDialog *openRefundDialog()
    {
        auto *refund = button(m_page->details(), "refundButton");
        if (!refund->isEnabled())
            return nullptr;
        QTest::mouseClick(refund, Qt::LeftButton);
        return m_page->refundDialog();
    }

    void typeAmount(RefundDialog *dialog, const QString &amount)
    {
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("refundAmount"));
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, amount);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_upi =
            m_api.addPayment(50000, PaymentMethod::Upi, PaymentStatus::Success, now.addSecs(-2)).id;
        m_card =
            m_api.addPayment(25000, PaymentMethod::Card, PaymentStatus::Success, now.addSecs(-1))
                .id;
        m_api.connectAsTestMerchant();
        m_page = std::make_unique<PaymentsPage>(&m_api);
        m_page->setRefreshInterval(3600000); // the test refreshes when it wants to
        m_page->resize(1200, 700);
        m_page->show();
        QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 2, 10000);
    }

    void filtersByMethod()
    {
        auto *method = m_page->findChild<QComboBox *>(QStringLiteral("methodFilter"));
        method->setFocus();
        method->setCurrentIndex(method->findData(QStringLiteral("card")));
        QTRY_COMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(m_page->model()->rowObject(0).value(QStringLiteral("id")).toString(), m_card);
        QCOMPARE(m_page->model()->filter(QStringLiteral("method")), QStringLiteral("card"));
        method->setCurrentIndex(0);
        QTRY_COMPARE(m_page->model()->rowCount(), 2);
    }

    void filtersByStatusAndDate()
    {
        auto *status = m_page->findChild<QComboBox *>(QStringLiteral("statusFilter"));
        status->setCurrentIndex(status->findData(QStringLiteral("failed")));
        QTRY_VERIFY(!m_page->model()->isLoading());
        QCOMPARE(m_page->model()->rowCount(), 0);
        QCOMPARE(m_page->model()->lastError(), QString());
        status->setCurrentIndex(status->findData(QStringLiteral("success")));
        QTRY_COMPARE(m_page->model()->rowCount(), 2);

        // Up to yesterday: nothing; from today: both. The API accepts the dates the page sends.
        auto *useTo = m_page->findChild<QCheckBox *>(QStringLiteral("useTo"));
        auto *to = m_page->findChild<QDateEdit *>(QStringLiteral("toDate"));
        to->setDate(QDate::currentDate().addDays(-1));
        useTo->setChecked(true);
        QTRY_VERIFY(!m_page->model()->isLoading());
        QCOMPARE(m_page->model()->lastError(), QString());
        QCOMPARE(m_page->model()->rowCount(), 0);
        useTo->setChecked(false);
        auto *useFrom = m_page->findChild<QCheckBox *>(QStringLiteral("useFrom"));
        m_page->findChild<QDateEdit *>(QStringLiteral("fromDate"))->setDate(QDate::currentDate());
        useFrom->setChecked(true);
        QTRY_COMPARE(m_page->model()->rowCount(), 2);
        QCOMPARE(m_page->model()->lastError(), QString());
        useFrom->setChecked(false);
        status->setCurrentIndex(0);
        QTRY_COMPARE(m_page->model()->rowCount(), 2);
    }

    void showsDetailsOfTheSelectedRow()
    {
        QTableView *view = m_page->view();
        view->setFocus();
        QVERIFY(m_page->selectPayment(m_card));
        QTRY_VERIFY(m_page->detailsLoaded());
        // Arrow keys move the selection and the details follow.
        const int row = view->currentIndex().row();
        QTest::keyClick(view, row == 0 ? Qt::Key_Down : Qt::Key_Up);
        QTRY_COMPARE(m_page->selectedPaymentId(), m_upi);
        QTRY_VERIFY(m_page->detailsLoaded());
        QCOMPARE(m_page->details()->fieldText(QStringLiteral("amount")), QStringLiteral("₹500.00"));
        QCOMPARE(m_page->details()->fieldText(QStringLiteral("status")), QStringLiteral("success"));
        QCOMPARE(m_page->details()->fieldText(QStringLiteral("remaining")),
                 QStringLiteral("₹500.00"));
    }

    void refundsPartOfAPayment()
    {
        QVERIFY(m_page->selectPayment(m_upi));
        QTRY_VERIFY(m_page->detailsLoaded());
        RefundDialog *dialog = openRefundDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->remaining(), 50000);
        typeAmount(dialog, QStringLiteral("120.50"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("refundReason")),
                         QStringLiteral("damaged item"));
        QVERIFY(button(dialog, "refundSubmit")->isEnabled());
        QSignalSpy created(m_page.get(), &PaymentsPage::refundCreated);
        QTest::mouseClick(button(dialog, "refundSubmit"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
        QTRY_VERIFY(!m_page->refundDialog()); // closed on success

        const QJsonArray refunds = refundsOf(m_upi);
        QCOMPARE(refunds.size(), 1);
        QCOMPARE(refunds.at(0).toObject().value(QStringLiteral("amount")).toInteger(), 12050);
        QCOMPARE(refunds.at(0).toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("damaged item"));
        QCOMPARE(refunds.at(0).toObject().value(QStringLiteral("id")).toString(),
                 created.at(0).at(0).toString());
        QTRY_COMPARE(m_page->details()->fieldText(QStringLiteral("remaining")),
                     QStringLiteral("₹379.50"));
        QVERIFY(m_page->message().contains(QStringLiteral("₹120.50")));
    }

    void refusesAnOverRefundBeforeSending()
    {
        QTRY_VERIFY(m_page->detailsLoaded());
        RefundDialog *dialog = openRefundDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->remaining(), 37950);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("refundRemaining"))
                    ->text()
                    .contains(QStringLiteral("₹379.50")));
        const int sentBefore = m_api.requestsSent();
        typeAmount(dialog, QStringLiteral("379.51"));
        QVERIFY(!button(dialog, "refundSubmit")->isEnabled());
        QVERIFY2(dialog->validationMessage().contains(QStringLiteral("more than the ₹379.50")),
                 qPrintable(dialog->validationMessage()));
        // Enter and a direct submit do not send either.
        QTest::keyClick(dialog->findChild<QLineEdit *>(QStringLiteral("refundAmount")),
                        Qt::Key_Return);
        dialog->submit();
        QCOMPARE(m_api.requestsSent(), sentBefore); // send() counts synchronously: nothing went out
        QCOMPARE(refundsOf(m_upi).size(), 1);

        typeAmount(dialog, QStringLiteral("0"));
        QVERIFY(!button(dialog, "refundSubmit")->isEnabled());
        typeAmount(dialog, QStringLiteral("12.345"));
        QVERIFY(!button(dialog, "refundSubmit")->isEnabled());

        // The full remainder is allowed, and then nothing remains to refund.
        QSignalSpy created(m_page.get(), &PaymentsPage::refundCreated);
        typeAmount(dialog, QStringLiteral("379.50"));
        QVERIFY(button(dialog, "refundSubmit")->isEnabled());
        QTest::mouseClick(button(dialog, "refundSubmit"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 10000);
        QTRY_COMPARE(m_page->details()->fieldText(QStringLiteral("remaining")),
                     QStringLiteral("₹0.00"));
        QVERIFY(!button(m_page->details(), "refundButton")->isEnabled());
        QCOMPARE(refundsOf(m_upi).size(), 2);
    }

    void capturesASuccessfulPayment()
    {
        QVERIFY(m_page->selectPayment(m_card));
        QTRY_VERIFY(m_page->detailsLoaded());
        QTRY_COMPARE(m_page->selectedPaymentId(), m_card);
        auto *capture = button(m_page->details(), "captureButton");
        QTRY_VERIFY(capture->isEnabled());
        QTest::mouseClick(capture, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->message().startsWith(QStringLiteral("Captured ")), 10000);
        QVERIFY(m_api.answer({"GET", api::payment(m_card), {}, {}})
                    .body.value(api::field::captured)
                    .toBool());
        QTRY_COMPARE(m_page->details()->fieldText(QStringLiteral("captured")),
                     QStringLiteral("yes"));
        QVERIFY(!capture->isEnabled());
    }

    // One order paid at the second attempt: each attempt's details list the other, with its
    // status; a payment alone on its order says so. (Runs last: it adds two payments to the list.)
    void listsTheOrdersOtherAttempts()
    {
        const QString order = ids::order();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString failed =
            m_api.addPayment(30000, PaymentMethod::Card, PaymentStatus::Failed, now, order).id;
        const QString paid = m_api
                                 .addPayment(30000, PaymentMethod::Upi, PaymentStatus::Success,
                                             now.addSecs(1), order)
                                 .id;
        m_page->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 4, 10000);

        PaymentDetailsView *details = m_page->details();
        QTreeWidget *attempts = details->otherAttempts();
        for (const auto &[shown, other, status] :
             {std::tuple{paid, failed, QStringLiteral("failed")},
              std::tuple{failed, paid, QStringLiteral("success")}}) {
            QVERIFY(m_page->selectPayment(shown));
            QTRY_COMPARE_WITH_TIMEOUT(details->otherAttemptsTitle(),
                                      QStringLiteral("Other payments for this order: 1"), 10000);
            QCOMPARE(attempts->topLevelItemCount(), 1);
            QCOMPARE(attempts->topLevelItem(0)->text(0), other);
            QCOMPARE(attempts->topLevelItem(0)->text(1), status);
            QVERIFY(attempts->isVisible());
        }
        QCOMPARE(attempts->topLevelItem(0)->text(2), QStringLiteral("upi: shopper@okbank"));

        QVERIFY(m_page->selectPayment(m_card));
        QTRY_COMPARE_WITH_TIMEOUT(details->otherAttemptsTitle(),
                                  QStringLiteral("No other payment for this order."), 10000);
        QCOMPARE(attempts->topLevelItemCount(), 0);
        QVERIFY(!attempts->isVisible());
    }
};

QTEST_MAIN(TestPaymentsPage)
#include "tst_paymentspage.moc"
