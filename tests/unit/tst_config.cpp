// Config from the environment: SPEC.md's defaults, and a clear error naming any bad variable.
#include "core/config.h"

#include <QTemporaryFile>
#include <QTest>

using namespace gw;

class TestConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        const auto c = Config::fromEnvironment(QProcessEnvironment());
        QVERIFY(c.ok());
        QCOMPARE(c->port, 8000);
        QCOMPARE(c->checkoutPort, 3001);
        QCOMPARE(c->apiPublicUrl, QStringLiteral("http://localhost:8000"));
        QCOMPARE(c->checkoutPublicUrl, QStringLiteral("http://localhost:3001"));
        QCOMPARE(c->testMode, false);
        QCOMPARE(c->testProcessingDelayMs, 1000);
        QCOMPARE(c->testPaymentSuccess, true);
        QCOMPARE(c->webhookRetryIntervalsTest, false);
        QCOMPARE(c->webhookAllowPrivate, false);
        QCOMPARE(c->redis.port, 6379);
        QCOMPARE(c->database.port, 5432);
        QCOMPARE(c->httpHeaderTimeoutMs, 10'000);
        QCOMPARE(c->httpMinBodyRate, 1024);
        QCOMPARE(c->httpMaxConnections, 10'000);
        QCOMPARE(c->httpMaxConnectionsPerIp, 256);
        QCOMPARE(c->paymentWriterGatherMs, 2);
    }

    void guardSettings()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HTTP_HEADER_TIMEOUT_MS"), QStringLiteral("2500"));
        env.insert(QStringLiteral("HTTP_MIN_BODY_RATE"), QStringLiteral("0"));
        env.insert(QStringLiteral("HTTP_MAX_CONNECTIONS"), QStringLiteral("50000"));
        env.insert(QStringLiteral("HTTP_MAX_CONNECTIONS_PER_IP"), QStringLiteral("0"));
        const auto c = Config::fromEnvironment(env);
        QVERIFY(c.ok());
        QCOMPARE(c->httpHeaderTimeoutMs, 2500);
        QCOMPARE(c->httpMinBodyRate, 0);
        QCOMPARE(c->httpMaxConnections, 50000);
        QCOMPARE(c->httpMaxConnectionsPerIp, 0);
    }

    void databaseUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::addRow("plain")
            << "postgresql://gateway_user:gateway_pass@postgres:5432/payment_gateway"
            << "postgres" << 5432 << "gateway_user"
            << "gateway_pass"
            << "payment_gateway";
        QTest::addRow("jdbc prefix") << "jdbc:postgresql://u:p@db:6000/x"
                                     << "db" << 6000 << "u"
                                     << "p"
                                     << "x";
        QTest::addRow("postgres scheme, no password") << "postgres://u@127.0.0.1/x"
                                                      << "127.0.0.1" << 5432 << "u"
                                                      << ""
                                                      << "x";
        QTest::addRow("encoded password") << "postgresql://u:p%40ss@h:1/d"
                                          << "h" << 1 << "u"
                                          << "p@ss"
                                          << "d";
    }

    void databaseUrls()
    {
        QFETCH(QString, url);
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATABASE_URL"), url);
        const auto c = Config::fromEnvironment(env);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().description));
        QTEST(c->database.host, "host");
        QTEST(c->database.port, "port");
        QTEST(c->database.user, "user");
        QTEST(c->database.password, "password");
        QTEST(c->database.database, "database");
    }

    // libpq's multi-host form: every host in order, read-write unless the URL says otherwise; a
    // single host keeps libpq's default.
    void databaseHostLists_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("hosts");
        QTest::addColumn<QString>("attrs");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("database");
        QTest::addRow("one host") << "postgresql://u:p@db:6000/x"
                                  << "db:6000"
                                  << ""
                                  << "u"
                                  << "x";
        QTest::addRow("one host, attrs") << "postgresql://u@db/x?target_session_attrs=primary"
                                         << "db:5432"
                                         << "primary"
                                         << "u"
                                         << "x";
        QTest::addRow("three hosts")
            << "postgresql://gw:pw@10.213.7.11:5432,10.213.7.12:5432,10.213.7.13:5432/gateway"
               "?target_session_attrs=read-write"
            << "10.213.7.11:5432,10.213.7.12:5432,10.213.7.13:5432"
            << "read-write"
            << "gw"
            << "gateway";
        QTest::addRow("default ports, attrs implied") << "postgres://u@a,b:6001,c/x"
                                                      << "a:5432,b:6001,c:5432"
                                                      << "read-write"
                                                      << "u"
                                                      << "x";
        QTest::addRow("ipv6 and jdbc") << "jdbc:postgresql://u@[::1]:5999,127.0.0.1:5432/x"
                                       << "::1:5999,127.0.0.1:5432"
                                       << "read-write"
                                       << "u"
                                       << "x";
        QTest::addRow("attrs any kept") << "postgresql://u@a:1,b:2/x?target_session_attrs=any"
                                        << "a:1,b:2"
                                        << "any"
                                        << "u"
                                        << "x";
        QTest::addRow("no user") << "postgresql://a:1,b:2/x"
                                 << "a:1,b:2"
                                 << "read-write"
                                 << ""
                                 << "x";
    }

    void databaseHostLists()
    {
        QFETCH(QString, url);
        QProcessEnvironment env;
        env.insert(QStringLiteral("DATABASE_URL"), url);
        const auto c = Config::fromEnvironment(env);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().description));
        QStringList hosts;
        for (const DatabaseHost &h : c->database.hosts())
            hosts << h.host + QLatin1Char(':') + QString::number(h.port);
        QTEST(hosts.join(QLatin1Char(',')), "hosts");
        QTEST(c->database.targetSessionAttrs, "attrs");
        QTEST(c->database.user, "user");
        QTEST(c->database.database, "database");
        QCOMPARE(c->database.host, c->database.hosts().first().host);
    }

    void databaseTimeouts()
    {
        auto c = Config::fromEnvironment(QProcessEnvironment());
        QVERIFY(c.ok());
        QCOMPARE(c->database.connectTimeoutS, 3);
        QCOMPARE(c->database.statementTimeoutMs, 5000);
        QCOMPARE(c->database.lockTimeoutMs, 3000);
        QCOMPARE(c->database.tcpUserTimeoutMs, 10'000);
        QCOMPARE(c->migrationDatabase().statementTimeoutMs, 600'000);
        QCOMPARE(c->migrationDatabase().lockTimeoutMs, 600'000);

        QProcessEnvironment env;
        env.insert(QStringLiteral("DB_CONNECT_TIMEOUT_S"), QStringLiteral("2"));
        env.insert(QStringLiteral("DB_STATEMENT_TIMEOUT_MS"), QStringLiteral("1500"));
        env.insert(QStringLiteral("DB_LOCK_TIMEOUT_MS"), QStringLiteral("700"));
        env.insert(QStringLiteral("DB_TCP_USER_TIMEOUT_MS"), QStringLiteral("4000"));
        env.insert(QStringLiteral("DB_MIGRATION_TIMEOUT_MS"), QStringLiteral("90000"));
        c = Config::fromEnvironment(env);
        QVERIFY(c.ok());
        QCOMPARE(c->database.connectTimeoutS, 2);
        QCOMPARE(c->database.statementTimeoutMs, 1500);
        QCOMPARE(c->database.lockTimeoutMs, 700);
        QCOMPARE(c->database.tcpUserTimeoutMs, 4000);
        QCOMPARE(c->migrationDatabase().statementTimeoutMs, 90'000);
        QCOMPARE(c->migrationDatabase().lockTimeoutMs, 90'000);
        QCOMPARE(c->migrationDatabase().connectTimeoutS, 2);
    }

    // A request waits for a new primary only where one can come: several hosts.
    void failoverWait()
    {
        QProcessEnvironment env;
        QCOMPARE(Config::fromEnvironment(env)->failoverWaitMs, 0);
        env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("postgresql://u:p@a:1,b:2/d"));
        QCOMPARE(Config::fromEnvironment(env)->failoverWaitMs, Config::kFailoverWaitMs);
        env.insert(QStringLiteral("DB_FAILOVER_WAIT_MS"), QStringLiteral("0"));
        QCOMPARE(Config::fromEnvironment(env)->failoverWaitMs, 0);
        env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("postgresql://u:p@a:1/d"));
        env.insert(QStringLiteral("DB_FAILOVER_WAIT_MS"), QStringLiteral("2500"));
        QCOMPARE(Config::fromEnvironment(env)->failoverWaitMs, 2500);
    }

    void redisUrl()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("REDIS_URL"), QStringLiteral("redis://cache:6380/3"));
        const auto c = Config::fromEnvironment(env);
        QVERIFY(c.ok());
        QCOMPARE(c->redis.host, QStringLiteral("cache"));
        QCOMPARE(c->redis.port, 6380);
        QCOMPARE(c->redis.db, 3);
        QVERIFY(c->redis.sentinels.isEmpty()); // a plain REDIS_URL: that host is the master
    }

    void redisSentinels()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("REDIS_URL"), QStringLiteral("redis://ignored:1/2"));
        env.insert(QStringLiteral("REDIS_SENTINELS"),
                   QStringLiteral("10.213.7.11:26379, 10.213.7.12:26380,[::1]:26381"));
        auto c = Config::fromEnvironment(env);
        QVERIFY(c.ok());
        QCOMPARE(c->redis.sentinels, (QList<HostPort>{{QStringLiteral("10.213.7.11"), 26379},
                                                      {QStringLiteral("10.213.7.12"), 26380},
                                                      {QStringLiteral("::1"), 26381}}));
        QCOMPARE(c->redis.masterName, QStringLiteral("gateway"));
        QCOMPARE(c->redis.db, 2);
        env.insert(QStringLiteral("REDIS_MASTER_NAME"), QStringLiteral("payments"));
        c = Config::fromEnvironment(env);
        QCOMPARE(c->redis.masterName, QStringLiteral("payments"));
    }

    void values()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("PORT"), QStringLiteral("9000"));
        env.insert(QStringLiteral("TEST_MODE"), QStringLiteral("true"));
        env.insert(QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("250"));
        env.insert(QStringLiteral("TEST_PAYMENT_SUCCESS"), QStringLiteral("false"));
        env.insert(QStringLiteral("WEBHOOK_RETRY_INTERVALS_TEST"), QStringLiteral("1"));
        env.insert(QStringLiteral("API_PUBLIC_URL"), QStringLiteral("https://api.example.com/"));
        const auto c = Config::fromEnvironment(env);
        QVERIFY(c.ok());
        QCOMPARE(c->port, 9000);
        QVERIFY(c->testMode);
        QCOMPARE(c->testProcessingDelayMs, 250);
        QVERIFY(!c->testPaymentSuccess);
        QVERIFY(c->webhookRetryIntervalsTest);
        QCOMPARE(c->apiPublicUrl, QStringLiteral("https://api.example.com"));
    }

    void badValuesNameTheVariable_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addRow("port text") << "PORT"
                                   << "eighty";
        QTest::addRow("port range") << "PORT"
                                    << "70000";
        QTest::addRow("checkout port negative") << "CHECKOUT_PORT"
                                                << "-1";
        QTest::addRow("test mode") << "TEST_MODE"
                                   << "maybe";
        QTest::addRow("delay") << "TEST_PROCESSING_DELAY"
                               << "1.5";
        QTest::addRow("success") << "TEST_PAYMENT_SUCCESS"
                                 << "yes please";
        QTest::addRow("retry intervals") << "WEBHOOK_RETRY_INTERVALS_TEST"
                                         << "";
        QTest::addRow("database scheme") << "DATABASE_URL"
                                         << "mysql://u:p@h/d";
        QTest::addRow("database name") << "DATABASE_URL"
                                       << "postgresql://u:p@h:5432";
        QTest::addRow("database host list entry") << "DATABASE_URL"
                                                  << "postgresql://u@a:1,:2/d";
        QTest::addRow("database host list port") << "DATABASE_URL"
                                                 << "postgresql://u@a:1,b:99999/d";
        QTest::addRow("database host list, no name") << "DATABASE_URL"
                                                     << "postgresql://u@a,b";
        QTest::addRow("database session attrs") << "DATABASE_URL"
                                                << "postgresql://u@a,b/d?target_session_attrs=rw";
        QTest::addRow("statement timeout") << "DB_STATEMENT_TIMEOUT_MS"
                                           << "0";
        QTest::addRow("lock timeout") << "DB_LOCK_TIMEOUT_MS"
                                      << "3s";
        QTest::addRow("connect timeout") << "DB_CONNECT_TIMEOUT_S"
                                         << "0";
        QTest::addRow("tcp user timeout") << "DB_TCP_USER_TIMEOUT_MS"
                                          << "10";
        QTest::addRow("migration timeout") << "DB_MIGRATION_TIMEOUT_MS"
                                           << "-1";
        QTest::addRow("failover wait") << "DB_FAILOVER_WAIT_MS"
                                       << "10s";
        QTest::addRow("redis scheme") << "REDIS_URL"
                                      << "http://h:1";
        QTest::addRow("redis db") << "REDIS_URL"
                                  << "redis://h:1/99";
        QTest::addRow("sentinel without port") << "REDIS_SENTINELS"
                                               << "10.213.7.11";
        QTest::addRow("sentinel port") << "REDIS_SENTINELS"
                                       << "h:26379,h:0";
        QTest::addRow("sentinel empty item") << "REDIS_SENTINELS"
                                             << "h:26379,,h:26380";
        QTest::addRow("master name") << "REDIS_MASTER_NAME"
                                     << "two words";
        QTest::addRow("api url") << "API_PUBLIC_URL"
                                 << "localhost:8000";
        QTest::addRow("checkout url") << "CHECKOUT_PUBLIC_URL"
                                      << "ftp://x";
        QTest::addRow("header timeout") << "HTTP_HEADER_TIMEOUT_MS"
                                        << "10s";
        QTest::addRow("body rate") << "HTTP_MIN_BODY_RATE"
                                   << "-1";
        QTest::addRow("max connections") << "HTTP_MAX_CONNECTIONS"
                                         << "0";
        QTest::addRow("per ip") << "HTTP_MAX_CONNECTIONS_PER_IP"
                                << "many";
        QTest::addRow("writer gather") << "PAYMENT_WRITER_GATHER_MS"
                                       << "51";
        QTest::addRow("short secret hash key") << "API_SECRET_HASH_KEY"
                                               << "0123456789abcdef0123456789abcde";
        QTest::addRow("blank secret hash key") << "API_SECRET_HASH_KEY" << QString(40, u' ');
        QTest::addRow("missing key file") << "API_SECRET_HASH_KEY_FILE"
                                          << "/nonexistent/api-secret-hash.key";
    }

    void secretHashKey();

    void badValuesNameTheVariable()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QProcessEnvironment env;
        env.insert(name, value);
        const auto c = Config::fromEnvironment(env);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().description.startsWith(name), qPrintable(c.error().description));
        QCOMPARE(c.error().field, name);
    }
};

// API_SECRET_HASH_KEY: from the variable or a file (its newline dropped), required outside
// TEST_MODE by the processes that ask for it, the public TEST_MODE key inside it.
void TestConfig::secretHashKey()
{
    const QByteArray key = QByteArrayLiteral("0123456789abcdef0123456789abcdef");
    QProcessEnvironment env;
    auto c = Config::fromEnvironment(env);
    QVERIFY(c.ok()); // the worker and checkout-web need none
    QVERIFY(c->apiSecretHashKey.isEmpty());
    QVERIFY(!c->secretHashKey().ok());
    QVERIFY2(c->secretHashKey().error().description.startsWith(
                 QStringLiteral("API_SECRET_HASH_KEY is not set")),
             qPrintable(c->secretHashKey().error().description));

    env.insert(QStringLiteral("TEST_MODE"), QStringLiteral("true"));
    c = Config::fromEnvironment(env);
    QCOMPARE(c->secretHashKey().value(), QByteArray(Config::kTestModeSecretHashKey));
    QVERIFY(c->apiSecretHashKeyFromTestMode);

    env.insert(QStringLiteral("API_SECRET_HASH_KEY"), QString::fromLatin1(key));
    c = Config::fromEnvironment(env);
    QCOMPARE(c->secretHashKey().value(), key);
    QVERIFY(!c->apiSecretHashKeyFromTestMode);

    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(key + "\n");
    file.close();
    env.insert(QStringLiteral("API_SECRET_HASH_KEY_FILE"), file.fileName());
    c = Config::fromEnvironment(env);
    QVERIFY(!c.ok()); // both: which one is meant?
    QCOMPARE(c.error().field, QStringLiteral("API_SECRET_HASH_KEY"));
    env.remove(QStringLiteral("API_SECRET_HASH_KEY"));
    env.insert(QStringLiteral("TEST_MODE"), QStringLiteral("false"));
    c = Config::fromEnvironment(env);
    QCOMPARE(c->secretHashKey().value(), key);
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
