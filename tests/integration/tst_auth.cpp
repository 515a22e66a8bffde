// Merchant authentication: missing, wrong or partial credentials are 401 with the contract body,
// header names are case-insensitive, the right pair gets through, and secrets rest only as a hash
// keyed with the server's API_SECRET_HASH_KEY, which every server needs and must share.
#include "support/httpclient.h"
#include "support/teststack.h"

#include "store/connection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QTest>

using namespace gw;

class TestAuth : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.startWithServer(m_server), QString()); }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("path");
        QTest::addRow("no headers") << QByteArray() << QByteArray() << "/api/v1/orders";
        QTest::addRow("key only") << QByteArray("key_test_abc123") << QByteArray()
                                  << "/api/v1/orders";
        QTest::addRow("secret only")
            << QByteArray() << QByteArray("secret_test_xyz789") << "/api/v1/payments";
        QTest::addRow("wrong secret") << QByteArray("key_test_abc123")
                                      << QByteArray("secret_test_xyz788") << "/api/v1/orders";
        QTest::addRow("secret prefix")
            << QByteArray("key_test_abc123") << QByteArray("secret_test") << "/api/v1/orders";
        QTest::addRow("wrong key") << QByteArray("key_test_abc124")
                                   << QByteArray("secret_test_xyz789") << "/api/v1/refunds";
        QTest::addRow("sql in key")
            << QByteArray("' OR 1=1 --") << QByteArray("x") << "/api/v1/orders";
        QTest::addRow("huge key") << QByteArray(4000, 'k') << QByteArray("x") << "/api/v1/orders";
        QTest::addRow("unknown route") << QByteArray() << QByteArray() << "/api/v1/no-such-thing";
    }

    void rejected()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, secret);
        QFETCH(QString, path);
        test::HttpClient client(m_server.baseUrl());
        client.setCredentials(key, secret);
        const auto r = client.get(path);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json(),
                 QJsonObject(
                     {{QStringLiteral("error"),
                       QJsonObject{{QStringLiteral("code"), QStringLiteral("AUTHENTICATION_ERROR")},
                                   {QStringLiteral("description"),
                                    QStringLiteral("Invalid API credentials")}}}}));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    }

    void headerNamesAreCaseInsensitive()
    {
        test::HttpClient client(m_server.baseUrl());
        client.clearCredentials();
        const auto r =
            client.get(QStringLiteral("/api/v1/no-such-thing"),
                       {{"x-api-key", "key_test_abc123"}, {"X-API-SECRET", "secret_test_xyz789"}});
        QCOMPARE(r.status, 404); // authenticated, so the unknown route is a plain 404
        QCOMPARE(r.errorCode(), QStringLiteral("NOT_FOUND_ERROR"));
    }

    void inactiveMerchantIsRejected()
    {
        m_stack.sql(QStringLiteral("UPDATE merchants SET is_active = false"));
        const auto r =
            test::HttpClient(m_server.baseUrl()).get(QStringLiteral("/api/v1/no-such-thing"));
        m_stack.sql(QStringLiteral("UPDATE merchants SET is_active = true"));
        QCOMPARE(r.status, 401);
    }

    // Secrets rest as keyed hashes, whoever writes them: the database refuses a secret written in
    // the clear by hand, equal secrets hash differently, the hash itself is no credential, and
    // without the key (or with another one) a stored row verifies nothing.
    void secretsAreStoredHashed()
    {
        const QString insertTwin = QStringLiteral(
            "INSERT INTO merchants (id, name, email, api_key, api_secret, webhook_secret) VALUES"
            " ('22222222-2222-3333-4444-555555555555', 'Twin', 'twin@example.com', 'key_twin',"
            " '%1', 'whsec_twin')");
        for (const QString &clear :
             {insertTwin.arg(QStringLiteral("secret_test_xyz789")),
              QStringLiteral("UPDATE merchants SET api_secret = 'secret_test_xyz789' WHERE "
                             "api_key = 'key_test_abc123'"),
              QStringLiteral("UPDATE merchants SET previous_api_secret = 'secret_test_xyz789',"
                             " previous_api_secret_expires_at = now() + interval '1 hour'")}) {
            store::Connection c(m_stack.database(), QStringLiteral("tst-auth-clear"));
            QVERIFY(c.ensureOpen());
            QSqlQuery q(c.db());
            QVERIFY2(!q.exec(clear), qPrintable(clear));
            QVERIFY2(q.lastError().text().contains(QStringLiteral("takes only a keyed hash")),
                     qPrintable(q.lastError().text()));
        }
        QVERIFY(
            m_stack.sql(insertTwin.arg(m_stack.secretHash(QStringLiteral("secret_test_xyz789"))))
                .isEmpty());
        const QStringList stored =
            m_stack.sql(QStringLiteral("SELECT api_secret FROM merchants WHERE api_key IN "
                                       "('key_test_abc123', 'key_twin') ORDER BY api_key"));
        QCOMPARE(stored.size(), 2);
        QVERIFY(stored[0] != stored[1]);
        const secrets::Hasher ours(m_stack.secretHashKey());
        const secrets::Hasher another(m_stack.secretHashKey().replace(0, 1, "#"));
        for (const QString &s : stored) {
            QVERIFY2(s.contains(QRegularExpression(
                         QStringLiteral("^hmac-sha256\\$[0-9a-f]{32}\\$[0-9a-f]{64}$"))),
                     qPrintable(s));
            QVERIFY(ours.matches(s, "secret_test_xyz789"));
            QVERIFY(!another.matches(s, "secret_test_xyz789"));
        }
        test::HttpClient twin(m_server.baseUrl());
        twin.setCredentials("key_twin", "secret_test_xyz789");
        QCOMPARE(twin.get(QStringLiteral("/api/v1/orders")).status, 200);
        twin.setCredentials("key_twin", stored[1].toUtf8());
        QCOMPARE(twin.get(QStringLiteral("/api/v1/orders")).status, 401);
        QCOMPARE(test::HttpClient(m_server.baseUrl()).get(QStringLiteral("/api/v1/orders")).status,
                 200);
        QCOMPARE(m_stack.sql(QStringLiteral(
                     "SELECT count(*) FROM merchants WHERE api_secret LIKE '%xyz789%'")),
                 QStringList{QStringLiteral("0")});
    }

    // A server outside TEST_MODE without a key, or with a key other than the database's, does not
    // start, and says why; the database's key from a file works.
    void serverNeedsTheDatabasesSecretHashKey()
    {
        auto none = m_stack.startServer({{QStringLiteral("TEST_MODE"), QStringLiteral("false")},
                                         {QStringLiteral("API_SECRET_HASH_KEY"), QString()}});
        QCOMPARE(none.port, quint16(0));
        QVERIFY2(none.process->output().contains(QLatin1String("API_SECRET_HASH_KEY is not set")),
                 qPrintable(none.process->output()));
        auto other = m_stack.startServer(
            {{QStringLiteral("API_SECRET_HASH_KEY"), QString(40, QLatin1Char('k'))}});
        QCOMPARE(other.port, quint16(0));
        QVERIFY2(other.process->output().contains(
                     QLatin1String("is not the key this database's API secrets were hashed with")),
                 qPrintable(other.process->output()));

        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(m_stack.secretHashKey() + '\n');
        file.close();
        auto fromFile =
            m_stack.startServer({{QStringLiteral("TEST_MODE"), QStringLiteral("false")},
                                 {QStringLiteral("API_SECRET_HASH_KEY"), QString()},
                                 {QStringLiteral("API_SECRET_HASH_KEY_FILE"), file.fileName()}});
        QVERIFY2(fromFile.port, qPrintable(fromFile.process->output()));
        QCOMPARE(test::HttpClient(fromFile.baseUrl()).get(QStringLiteral("/api/v1/orders")).status,
                 200);
        fromFile.process->terminate();
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
