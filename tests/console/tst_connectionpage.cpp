// The connection page: it tells the operator whether the API is unreachable, the credentials are
// wrong or the URL is no URL, connects with the right pair, and keeps the secret off the disk
// unless asked to remember it. It holds several merchants and switches between them. The API is
// FakeGateway in this process; the unreachable one is a closed loopback port, over HTTP.
#include "console/connectionpage.h"
#include "console/httpapiclient.h"
#include "fakegateway.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace gw;
using namespace gw::console;

class TestConnectionPage : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QString m_url = test::FakeGateway::url().toString();

    struct Fixture
    {
        explicit Fixture(const QString &settingsFile, bool overHttp = false)
            : api(overHttp ? static_cast<ApiClient &>(http) : fake),
              settings(settingsFile, QSettings::IniFormat), page(&api, &settings)
        {
            page.show();
        }
        test::FakeGateway fake;
        HttpApiClient http;
        ApiClient &api;
        QSettings settings;
        ConnectionPage page;

        void type(const QString &url, const QString &key, const QString &secret)
        {
            for (const auto &[name, text] : {std::pair{QStringLiteral("apiUrl"), url},
                                             std::pair{QStringLiteral("apiKey"), key},
                                             std::pair{QStringLiteral("apiSecret"), secret}}) {
                auto *edit = page.findChild<QLineEdit *>(name);
                edit->clear();
                QTest::keyClicks(edit, text);
            }
        }
        void clickConnect()
        {
            QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("connectButton")),
                              Qt::LeftButton);
        }
    };

    QString settingsFile(const char *name) const
    {
        return m_dir.filePath(QString::fromLatin1(name) + QStringLiteral(".ini"));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // A label with a mnemonic needs a buddy: without one QLabel shows the "&" as text and the
    // Alt key does nothing (as "&Merchant:" did, its field being a layout).
    void everyMnemonicMovesToItsField()
    {
        Fixture f(settingsFile("mnemonics"));
        const QRegularExpression mnemonic(QStringLiteral("&[^&]"));
        int withMnemonic = 0;
        for (const QLabel *label : f.page.findChildren<QLabel *>()) {
            if (Qt::mightBeRichText(label->text()) || !label->text().contains(mnemonic))
                continue;
            ++withMnemonic;
            QVERIFY2(label->buddy(), qPrintable(label->text() + QStringLiteral(" has no buddy")));
        }
        QCOMPARE(withMnemonic, 4);
        QVERIFY(QTest::qWaitForWindowActive(&f.page));
        f.page.findChild<QLineEdit *>(QStringLiteral("apiSecret"))->setFocus();
        QTest::keyClick(&f.page, Qt::Key_M, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(),
                 f.page.findChild<QComboBox *>(QStringLiteral("merchantProfiles")));
        QTest::keyClick(&f.page, Qt::Key_U, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(),
                 f.page.findChild<QLineEdit *>(QStringLiteral("apiUrl")));
    }

    void reportsBadCredentials_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("secret");
        QTest::addRow("wrong secret") << "key_test_abc123"
                                      << "secret_test_wrong";
        QTest::addRow("wrong key") << "key_nobody"
                                   << "secret_test_xyz789";
    }

    void reportsBadCredentials()
    {
        QFETCH(QString, key);
        QFETCH(QString, secret);
        Fixture f(settingsFile("bad"));
        QSignalSpy failed(&f.page, &ConnectionPage::connectionFailed);
        QSignalSpy connected(&f.page, &ConnectionPage::connected);
        f.type(m_url, key, secret);
        f.clickConnect();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(connected.count(), 0);
        QVERIFY2(f.page.statusText().contains(QStringLiteral("rejected the key and secret")),
                 qPrintable(f.page.statusText()));
        QVERIFY2(f.page.statusText().contains(QStringLiteral("Invalid API credentials")),
                 qPrintable(f.page.statusText()));
        QVERIFY(!f.page.isConnected());
    }

    void reportsUnreachableApi()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        Fixture f(settingsFile("unreachable"), true);
        QSignalSpy failed(&f.page, &ConnectionPage::connectionFailed);
        f.type(QStringLiteral("http://127.0.0.1:%1").arg(closedPort),
               QStringLiteral("key_test_abc123"), QStringLiteral("secret_test_xyz789"));
        f.clickConnect();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QVERIFY2(f.page.statusText().startsWith(
                     QStringLiteral("Cannot reach the API at http://127.0.0.1:%1").arg(closedPort)),
                 qPrintable(f.page.statusText()));
    }

    void refusesAMalformedUrlWithoutSending()
    {
        Fixture f(settingsFile("malformed"));
        f.type(QStringLiteral("ftp://example.com"), QStringLiteral("key_test_abc123"),
               QStringLiteral("secret_test_xyz789"));
        f.clickConnect();
        QVERIFY(f.page.statusText().contains(QStringLiteral("absolute http(s) address")));
        QCOMPARE(f.api.requestsSent(), 0);
    }

    void connectsAndKeepsTheSecretOffDisk()
    {
        const QString file = settingsFile("good");
        {
            Fixture f(file);
            QSignalSpy connected(&f.page, &ConnectionPage::connected);
            f.type(m_url, QStringLiteral("key_test_abc123"), QStringLiteral("secret_test_xyz789"));
            QTest::keyClick(f.page.findChild<QLineEdit *>(QStringLiteral("apiSecret")),
                            Qt::Key_Return);
            QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
            QVERIFY(f.page.isConnected());
            QVERIFY(f.page.statusText().startsWith(QStringLiteral("Connected to ")));
        }
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY2(text.contains("key_test_abc123"), text.constData());
        QVERIFY2(!text.contains("secret_test_xyz789"), text.constData());

        // A new console with these settings knows URL and key but asks for the secret.
        Fixture again(file);
        QCOMPARE(again.page.connection().apiKey, QStringLiteral("key_test_abc123"));
        QCOMPARE(again.page.connection().apiUrl.toString(), m_url);
        QCOMPARE(again.page.connection().apiSecret, QString());
    }

    void remembersTheSecretWhenAsked()
    {
        const QString file = settingsFile("remember");
        {
            Fixture f(file);
            QSignalSpy connected(&f.page, &ConnectionPage::connected);
            f.type(m_url, QStringLiteral("key_test_abc123"), QStringLiteral("secret_test_xyz789"));
            f.page.findChild<QCheckBox *>(QStringLiteral("rememberSecret"))->setChecked(true);
            f.clickConnect();
            QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
        }
        Fixture again(file);
        QCOMPARE(again.page.connection().apiSecret, QStringLiteral("secret_test_xyz789"));
    }

    void holdsSeveralMerchantsAndSwitches()
    {
        const QString file = settingsFile("several");
        const QString url = m_url;
        {
            Fixture f(file);
            f.fake.addMerchant(QStringLiteral("key_test_second"),
                               QStringLiteral("secret_test_second"));
            auto *profiles = f.page.findChild<QComboBox *>(QStringLiteral("merchantProfiles"));
            QSignalSpy connected(&f.page, &ConnectionPage::connected);
            f.type(url, QStringLiteral("key_test_abc123"), QStringLiteral("secret_test_xyz789"));
            f.clickConnect();
            QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
            QCOMPARE(profiles->count(), 1);

            // A second merchant: "New merchant" empties the credentials.
            QTest::mouseClick(f.page.findChild<QPushButton *>(QStringLiteral("newProfile")),
                              Qt::LeftButton);
            QCOMPARE(f.page.connection().apiKey, QString());
            QCOMPARE(f.page.connection().apiUrl.toString(), url);
            QTest::keyClicks(f.page.findChild<QLineEdit *>(QStringLiteral("apiKey")),
                             QStringLiteral("key_test_second"));
            QTest::keyClicks(f.page.findChild<QLineEdit *>(QStringLiteral("apiSecret")),
                             QStringLiteral("secret_test_second"));
            f.clickConnect();
            QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 10000);
            QCOMPARE(f.api.apiKey(), QStringLiteral("key_test_second"));
            QCOMPARE(profiles->count(), 2);
            QVERIFY(profiles->currentText().startsWith(QStringLiteral("key_test_second at ")));

            // Back to the first, chosen from the list with the keyboard: its secret is still
            // in memory, so Connect switches at once.
            profiles->setFocus();
            QTest::keyClick(profiles, Qt::Key_Up);
            QVERIFY(profiles->currentText().startsWith(QStringLiteral("key_test_abc123 at ")));
            QCOMPARE(f.page.connection().apiKey, QStringLiteral("key_test_abc123"));
            QCOMPARE(f.page.connection().apiSecret, QStringLiteral("secret_test_xyz789"));
            f.clickConnect();
            QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 3, 10000);
            QCOMPARE(f.api.apiKey(), QStringLiteral("key_test_abc123"));
            QVERIFY(f.page.statusText().contains(QStringLiteral("key_test_abc123")));
        }
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY2(!text.contains("secret_test_xyz789") && !text.contains("secret_test_second"),
                 text.constData());

        // The next console lists both, asks for the secret, and forgets one on request.
        Fixture again(file);
        auto *profiles = again.page.findChild<QComboBox *>(QStringLiteral("merchantProfiles"));
        QCOMPARE(profiles->count(), 2);
        QVERIFY(profiles->currentText().startsWith(QStringLiteral("key_test_abc123 at ")));
        profiles->setFocus();
        QTest::keyClick(profiles, Qt::Key_Down);
        QCOMPARE(again.page.connection().apiKey, QStringLiteral("key_test_second"));
        QCOMPARE(again.page.connection().apiSecret, QString());
        QVERIFY(again.page.statusText().contains(QStringLiteral("Enter the secret")));
        QTest::mouseClick(again.page.findChild<QPushButton *>(QStringLiteral("forgetProfile")),
                          Qt::LeftButton);
        QCOMPARE(profiles->count(), 1);
        Fixture third(file);
        QCOMPARE(third.page.findChild<QComboBox *>(QStringLiteral("merchantProfiles"))->count(), 1);
    }
};

QTEST_MAIN(TestConnectionPage)
#include "tst_connectionpage.moc"
