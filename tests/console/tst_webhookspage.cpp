// The webhooks page against the real stack and a receiver in this process: it saves a URL (and
// refuses a malformed one), regenerates the secret and shows it once, sends a test event that the
// receiver refuses until the delivery has failed, shows that failure with every attempt, and
// retries it until the API shows it delivered.
#include "console/apiclient.h"
#include "console/attemptsmodel.h"
#include "console/datatableview.h"
#include "console/deliveriesmodel.h"
#include "console/deliverydetailsview.h"
#include "console/webhookconfigbox.h"
#include "console/webhookspage.h"
#include "consolestack.h"
#include "webhookreceiver.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace gw;
using namespace gw::console;

class TestWebhooksPage : public QObject
{
    Q_OBJECT
    test::ConsoleStack m_stack;
    test::WebhookReceiver m_receiver{500};
    ApiClient m_api;
    std::unique_ptr<WebhooksPage> m_page;
    QString m_secret;
    QString m_deliveryId;

    QPushButton *button(const char *name)
    {
        return m_page->findChild<QPushButton *>(QString::fromLatin1(name));
    }
    QString apiStatusOf(const QString &id)
    {
        return m_stack.http->get(QStringLiteral("/api/v1/webhooks/") + id)
            .json()
            .value(QStringLiteral("status"))
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
        QVERIFY(m_receiver.listen());
        QCOMPARE(m_stack.start(), QString());
        m_stack.connect(m_api);
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
        QTest::keyClicks(url, m_receiver.url());
        QVERIFY(button("saveUrlButton")->isEnabled());
        QSignalSpy saved(m_page->config(), &WebhookConfigBox::saved);
        QTest::mouseClick(button("saveUrlButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(m_stack.http->get(QStringLiteral("/api/v1/webhooks/config"))
                     .json()
                     .value(QStringLiteral("url"))
                     .toString(),
                 m_receiver.url());
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
        // The API never shows it again in full.
        const QJsonObject config =
            m_stack.http->get(QStringLiteral("/api/v1/webhooks/config")).json();
        QVERIFY(!config.value(QStringLiteral("secret")).toString().contains(m_secret));
    }

    void showsAFailedDeliveryAndRetriesItUntilDelivered()
    {
        QTest::mouseClick(button("sendTestButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->rowCount() > 0, 10000);
        m_deliveryId = m_page->model()->rowObject(0).value(QStringLiteral("id")).toString();
        QCOMPARE(m_page->model()->rowObject(0).value(QStringLiteral("event")).toString(),
                 QStringLiteral("webhook.test"));

        // The receiver answers 500: five attempts (0, 5, 10, 15, 20 s apart in test mode), then
        // failed.
        QTRY_COMPARE_WITH_TIMEOUT(modelStatus(m_deliveryId), QStringLiteral("failed"), 120000);
        QCOMPARE(apiStatusOf(m_deliveryId), QStringLiteral("failed"));
        QVERIFY(m_receiver.received().size() >= 5);
        // Signed with the secret the page showed.
        const test::ReceivedWebhook &hook = m_receiver.received().constFirst();
        const QByteArray expected = QMessageAuthenticationCode::hash(hook.body, m_secret.toUtf8(),
                                                                     QCryptographicHash::Sha256)
                                        .toHex();
        QVERIFY2(hook.header("x-webhook-signature").split(' ').contains(expected),
                 hook.head.constData());

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

        m_receiver.setStatus(200);
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(modelStatus(m_deliveryId), QStringLiteral("success"), 30000);
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
