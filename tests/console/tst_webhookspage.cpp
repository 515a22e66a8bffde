// The webhooks page against the API (FakeGateway, in process): it saves a URL (and refuses a
// malformed one), regenerates the secret and shows it once, sends a test event whose every
// attempt the receiver refuses until the delivery has failed, shows that failure with every
// attempt, and retries it until the API shows it delivered. The attempts are made by the test,
// where the worker would make them (tst_webhooks covers the worker's deliveries and signatures).
#include "console/apifields.h"
#include "console/attemptsmodel.h"
#include "console/datatableview.h"
#include "console/deliveriesmodel.h"
#include "console/deliverydetailsview.h"
#include "console/webhookconfigbox.h"
#include "console/webhookspage.h"
#include "core/retryschedule.h"
#include "fakegateway.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace gw;
using namespace gw::console;

class TestWebhooksPage : public QObject
{
    Q_OBJECT
    test::FakeGateway m_api;
    const QString m_receiverUrl = QStringLiteral("https://merchant.example/hooks");
    const QString m_refusal = QStringLiteral("{\"error\":\"receiver says no\"}");
    std::unique_ptr<WebhooksPage> m_page;
    QString m_secret;
    QString m_deliveryId;

    QPushButton *button(const char *name)
    {
        return m_page->findChild<QPushButton *>(QString::fromLatin1(name));
    }
    QString apiStatusOf(const QString &id)
    {
        return m_api.answer({"GET", api::webhook(id), {}, {}})
            .body.value(api::field::status)
            .toString();
    }
    QString modelStatus(const QString &id) const
    {
        const int row = m_page->model()->rowOf(id);
        return row < 0 ? QString()
                       : m_page->model()->rowObject(row).value(QStringLiteral("status")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_api.connectAsTestMerchant();
        m_page = std::make_unique<WebhooksPage>(&m_api);
        m_page->setRefreshInterval(500);
        m_page->resize(1200, 800);
        m_page->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->hasLoaded(), 10000);
    }

    void refusesAMalformedUrl()
    {
        auto *url = m_page->findChild<QLineEdit *>(QStringLiteral("webhookUrl"));
        url->clear();
        QTest::keyClicks(url, QStringLiteral("merchant.example/hooks"));
        QVERIFY(!button("saveUrlButton")->isEnabled());
        QVERIFY(m_page->config()->message().contains(QStringLiteral("absolute http")));
        const int sent = m_api.requestsSent();
        QTest::keyClick(url, Qt::Key_Return);
        QCOMPARE(m_api.requestsSent(), sent);
    }

    void savesTheUrl()
    {
        auto *url = m_page->findChild<QLineEdit *>(QStringLiteral("webhookUrl"));
        url->clear();
        QTest::keyClicks(url, m_receiverUrl);
        QVERIFY(button("saveUrlButton")->isEnabled());
        QSignalSpy saved(m_page->config(), &WebhookConfigBox::saved);
        QTest::mouseClick(button("saveUrlButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(m_api.answer({"GET", api::webhookConfig(), {}, {}})
                     .body.value(api::field::url)
                     .toString(),
                 m_receiverUrl);
        QVERIFY(!button("saveUrlButton")->isEnabled()); // nothing left to save
    }

    void regeneratesTheSecretAndShowsItOnce()
    {
        QVERIFY(m_page->config()->shownSecret().isEmpty());
        QVERIFY(!button("copySecretButton")->isEnabled());
        QSignalSpy regenerated(m_page->config(), &WebhookConfigBox::secretRegenerated);
        QTest::mouseClick(button("regenerateSecretButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(regenerated.count(), 1, 10000);
        m_secret = m_page->config()->shownSecret();
        QVERIFY2(m_secret.startsWith(QStringLiteral("whsec_")) &&
                     m_secret != QStringLiteral("whsec_test_abc123"),
                 qPrintable(m_secret));
        QTest::mouseClick(button("copySecretButton"), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), m_secret);
        QCOMPARE(m_api.webhookSecret(), m_secret); // the one deliveries are signed with
        // The API never shows it again in full.
        const QJsonObject config = m_api.answer({"GET", api::webhookConfig(), {}, {}}).body;
        QVERIFY(!config.value(QStringLiteral("secret")).toString().contains(m_secret));
    }

    void showsAFailedDeliveryAndRetriesItUntilDelivered()
    {
        QTest::mouseClick(button("sendTestButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowCount() > 0, 10000);
        m_deliveryId = m_page->model()->rowObject(0).value(QStringLiteral("id")).toString();
        QCOMPARE(m_page->model()->rowObject(0).value(QStringLiteral("event")).toString(),
                 QStringLiteral("webhook.test"));

        // The receiver answers 500 to every attempt the schedule allows; then the delivery
        // failed.
        QCOMPARE(RetrySchedule::kMaxAttempts, 5);
        for (int i = 0; i < RetrySchedule::kMaxAttempts; ++i) {
            QCOMPARE(apiStatusOf(m_deliveryId), QStringLiteral("pending"));
            m_api.attemptDelivery(m_deliveryId, 500, m_refusal);
        }
        QTRY_COMPARE_WITH_TIMEOUT(modelStatus(m_deliveryId), QStringLiteral("failed"), 10000);
        QCOMPARE(apiStatusOf(m_deliveryId), QStringLiteral("failed"));

        const int row = m_page->model()->rowOf(m_deliveryId);
        QCOMPARE(m_page->model()->index(row, DeliveriesModel::Attempts).data().toInt(), 5);
        QCOMPARE(m_page->model()->index(row, DeliveriesModel::ResponseCode).data().toString(),
                 QStringLiteral("500"));
        QVERIFY(
            !m_page->model()->index(row, DeliveriesModel::LastAttempt).data().toString().isEmpty());

        // Selecting the row shows the payload and every attempt's response.
        m_page->view()->setFocus();
        QVERIFY(m_page->selectDelivery(m_deliveryId));
        DeliveryDetailsView *details = m_page->details();
        QTRY_COMPARE_WITH_TIMEOUT(details->attempts()->rowCount(), 5, 10000);
        QVERIFY(details->payloadText().contains(QStringLiteral("\"webhook.test\"")));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(details->attempts()->index(i, AttemptsModel::ResponseCode).data().toString(),
                     QStringLiteral("500"));
        QVERIFY2(details->responseText().contains(QStringLiteral("receiver says no")),
                 qPrintable(details->responseText()));
        QVERIFY(details->canRetry());
        auto *retry = details->findChild<QPushButton *>(QStringLiteral("retryButton"));
        QVERIFY(retry->isEnabled());

        QTest::mouseClick(retry, Qt::LeftButton);
        // The retry reached the API (attempts start again); the receiver now takes it.
        QTRY_COMPARE(m_api.delivery(m_deliveryId)->attempts, 0);
        m_api.attemptDelivery(m_deliveryId, 200, QStringLiteral("{\"ok\":true}"));
        QTRY_COMPARE_WITH_TIMEOUT(modelStatus(m_deliveryId), QStringLiteral("success"), 10000);
        QCOMPARE(apiStatusOf(m_deliveryId), QStringLiteral("success"));
        QVERIFY(m_page->message().contains(QStringLiteral("retry scheduled")));
        QTRY_VERIFY_WITH_TIMEOUT(!details->canRetry(), 10000);
        QVERIFY(!retry->isEnabled());
        const int last = details->attempts()->rowCount() - 1;
        QVERIFY(last >= 0);
        QCOMPARE(details->attempts()->index(last, AttemptsModel::ResponseCode).data().toString(),
                 QStringLiteral("200"));
    }
};

QTEST_MAIN(TestWebhooksPage)
#include "tst_webhookspage.moc"
