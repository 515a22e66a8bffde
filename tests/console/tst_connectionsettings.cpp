// Where the console keeps its connection, without a window or an API: the URL and key come back,
// the secret only when the operator asked to remember it (and is removed when they stop asking),
// and the merchant profiles round-trip, an unusable one dropped.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "console/connectionsettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace gw::console;

class TestConnectionSettings : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void defaults()
    {
        QSettings empty(file("empty.ini"), QSettings::IniFormat);
        const ConnectionSettings c = ConnectionSettings::load(empty);
        QCOMPARE(c.apiUrl, QUrl("http://localhost:8000"));
        QVERIFY(c.apiKey.isEmpty() && c.apiSecret.isEmpty() && !c.rememberSecret);
    }

    void secretKeptOnlyWhenAsked_data()
    {
        QTest::addColumn<bool>("remember");
        QTest::addRow("not remembered") << false;
        QTest::addRow("remembered") << true;
    }

    void secretKeptOnlyWhenAsked()
    {
        QFETCH(bool, remember);
        const QString path = file(remember ? "remember.ini" : "forget.ini");
        {
            QSettings s(path, QSettings::IniFormat);
            ConnectionSettings c;
            c.apiUrl = QUrl("https://gw.example:8443");
            c.apiKey = "key_test_abc123";
            c.apiSecret = "secret_test_xyz789";
            c.rememberSecret = remember;
            c.save(s);
        }
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QCOMPARE(raw.readAll().contains("secret_test_xyz789"), remember);
        QSettings s(path, QSettings::IniFormat);
        const ConnectionSettings back = ConnectionSettings::load(s);
        QCOMPARE(back.apiUrl, QUrl("https://gw.example:8443"));
        QCOMPARE(back.apiKey, QString("key_test_abc123"));
        QCOMPARE(back.apiSecret, remember ? QString("secret_test_xyz789") : QString());
        QCOMPARE(back.rememberSecret, remember);
    }

    void forgettingRemovesTheStoredSecret()
    {
        QSettings s(file("change.ini"), QSettings::IniFormat);
        ConnectionSettings c;
        c.apiKey = "key_test_abc123";
        c.apiSecret = "secret_test_xyz789";
        c.rememberSecret = true;
        c.save(s);
        c.rememberSecret = false;
        c.save(s);
        QFile raw(file("change.ini"));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains("secret_test_xyz789"));
    }

    void profilesRoundTrip()
    {
        QSettings s(file("profiles.ini"), QSettings::IniFormat);
        ConnectionSettings a;
        a.apiUrl = QUrl("http://127.0.0.1:8000");
        a.apiKey = "key_test_abc123";
        a.apiSecret = "secret_a";
        ConnectionSettings b = a;
        b.apiKey = "key_test_second";
        b.apiSecret = "secret_b";
        b.rememberSecret = true;
        ConnectionSettings unusable;
        unusable.apiKey.clear(); // no key: not a profile
        ConnectionSettings::saveProfiles(s, {a, b, unusable});
        const QList<ConnectionSettings> back = ConnectionSettings::loadProfiles(s);
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(0).apiKey, QString("key_test_abc123"));
        QCOMPARE(back.at(0).apiSecret, QString()); // not asked to remember
        QCOMPARE(back.at(1).apiSecret, QString("secret_b"));
        QCOMPARE(back.at(1).label(), QString("key_test_second at 127.0.0.1:8000"));
        QVERIFY(back.at(0).sameProfile(a));
        QVERIFY(!back.at(0).sameProfile(b));
        ConnectionSettings::saveProfiles(s, {b});
        QCOMPARE(ConnectionSettings::loadProfiles(s).size(), 1);
    }
};

QTEST_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
