// Merchant authentication: missing, wrong or partial credentials are 401 with the contract body,
// header names are case-insensitive, the right pair gets through, and secrets rest only hashed.
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QTest>

using namespace gw;

class TestAuth : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_server = m_stack.startServer();
        QVERIFY2(m_server.port, qPrintable(m_server.process->output()));
    }

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

    // Secrets rest as salted hashes, whoever writes them: a secret written in the clear by hand is
    // hashed on the way in, equal secrets hash differently, and the hash itself is no credential.
    void secretsAreStoredHashed()
    {
        m_stack.sql(QStringLiteral(
            "INSERT INTO merchants (id, name, email, api_key, api_secret, webhook_secret) VALUES"
            " ('22222222-2222-3333-4444-555555555555', 'Twin', 'twin@example.com', 'key_twin',"
            " 'secret_test_xyz789', 'whsec_twin')"));
        const QStringList stored =
            m_stack.sql(QStringLiteral("SELECT api_secret FROM merchants WHERE api_key IN "
                                       "('key_test_abc123', 'key_twin') ORDER BY api_key"));
        QCOMPARE(stored.size(), 2);
        QVERIFY(stored[0] != stored[1]);
        for (const QString &s : stored)
            QVERIFY2(s.contains(QRegularExpression(
                         QStringLiteral("^sha256\\$[0-9a-f]{32}\\$[0-9a-f]{64}$"))),
                     qPrintable(s));
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

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
