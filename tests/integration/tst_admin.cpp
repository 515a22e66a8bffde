// gateway-admin against a real database and a real API server: every command, in text and JSON;
// bad input gets a clear message and its exit code and changes nothing; the keys it prints work
// and are stored only hashed; a deactivated account is refused within seconds; a rotated secret
// works through its grace period and is refused after it.
// Command lines read better with plain string literals than with QStringLiteral on every word.
#undef QT_NO_CAST_FROM_ASCII
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

using namespace gw;

namespace {
struct AdminRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray jsonArray() const { return QJsonDocument::fromJson(out).array(); }
};

using Env = QMap<QString, QString>;

struct Credentials
{
    QByteArray key;
    QByteArray secret;
};
} // namespace

class TestAdmin : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    AdminRun admin(const QStringList &args, const QMap<QString, QString> &env = {})
    {
        QProcess p;
        p.setProcessEnvironment(m_stack.environment(env));
        p.start(test::TestStack::buildDir() + QStringLiteral("/admin/gateway-admin"), args);
        AdminRun r;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("gateway-admin did not finish");
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    int status(const Credentials &c, const QString &path = QStringLiteral("/api/v1/orders"))
    {
        test::HttpClient client(m_server.baseUrl());
        client.setCredentials(c.key, c.secret);
        return client.get(path).status;
    }

    // Creates an account and returns its live and test credentials, in that order.
    QList<Credentials> create(const QString &email)
    {
        const auto r =
            admin({"merchant", "create", "--name", "Shop " + email, "--email", email, "--json"});
        if (r.exitCode != 0)
            qWarning() << r.err;
        QList<Credentials> out;
        for (const auto &k : r.json().value("keys").toArray())
            out << Credentials{k.toObject().value("key").toString().toUtf8(),
                               k.toObject().value("secret").toString().toUtf8()};
        return out;
    }

    // Each server thread caches a merchant for up to 2 s, so a change shows within that.
    bool becomes(const Credentials &c, int expected, int timeoutMs = 5000)
    {
        return test::eventually([&] { return status(c) == expected; }, timeoutMs);
    }

    QString merchantCount() { return m_stack.sql("SELECT count(*) FROM merchants").value(0); }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.startWithServer(m_server), QString()); }

    void help()
    {
        const auto r = admin({"--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char *command :
             {"merchant create", "merchant list", "merchant show", "merchant deactivate",
              "merchant activate", "merchant rate-limit", "key rotate", "--json", "Exit codes",
              "API_SECRET_HASH_KEY"})
            QVERIFY2(r.out.contains(command), command);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QStringList create{"merchant", "create"};
        QTest::addRow("no command") << QStringList{} << 2 << "no command given";
        QTest::addRow("group only") << QStringList{"merchant"} << 2 << "needs a command";
        QTest::addRow("unknown verb") << QStringList{"merchant", "frobnicate"} << 2
                                      << "unknown command \"merchant frobnicate\"";
        QTest::addRow("unknown group") << QStringList{"order", "list"} << 2 << "unknown command";
        QTest::addRow("no name") << create + QStringList{"--email", "a@b.example"} << 2
                                 << "needs --name";
        QTest::addRow("no email") << create + QStringList{"--name", "A"} << 2 << "needs --email";
        QTest::addRow("empty name") << create + QStringList{"--name", " ", "--email", "a@b.example"}
                                    << 2 << "--name must not be empty";
        QTest::addRow("long name")
            << create + QStringList{"--name", QString(300, 'n'), "--email", "a@b.example"} << 2
            << "longer than 255";
        QTest::addRow("control char")
            << create + QStringList{"--name", "a\x01", "--email", "a@b.example"} << 2
            << "control character";
        QTest::addRow("bad email") << create + QStringList{"--name", "A", "--email", "not-an-email"}
                                   << 2 << "not an email address";
        QTest::addRow("bad webhook url")
            << create +
                   QStringList{"--name", "A", "--email", "a@b.example", "--webhook-url", "ftp://x"}
            << 2 << "--webhook-url must be an absolute http(s) URL";
        QTest::addRow("option without value")
            << create + QStringList{"--name"} << 2 << "--name needs a value";
        QTest::addRow("option twice")
            << create + QStringList{"--name", "A", "--name", "B"} << 2 << "--name is given twice";
        QTest::addRow("foreign option") << QStringList{"merchant", "list", "--name", "x"} << 2
                                        << "merchant list does not take --name";
        QTest::addRow("unknown option")
            << QStringList{"merchant", "list", "--colour", "red"} << 2 << "does not take --colour";
        QTest::addRow("show without target")
            << QStringList{"merchant", "show"} << 2 << "needs the merchant's id or key";
        QTest::addRow("extra argument")
            << QStringList{"merchant", "list", "extra"} << 2 << "unexpected argument \"extra\"";
        QTest::addRow("bad grace")
            << QStringList{"key", "rotate", "key_test_abc123", "--grace", "soon"} << 2
            << "--grace must be a duration";
        QTest::addRow("grace too long")
            << QStringList{"key", "rotate", "key_test_abc123", "--grace", "31d"} << 2
            << "at most 30 days";
        QTest::addRow("negative grace")
            << QStringList{"key", "rotate", "key_test_abc123", "--grace", "-5s"} << 2
            << "--grace must be a duration";
        QTest::addRow("rate without amount")
            << QStringList{"merchant", "rate-limit", "key_test_abc123"} << 2
            << "needs --per-second N or --unlimited";
        QTest::addRow("rate zero")
            << QStringList{"merchant", "rate-limit", "key_test_abc123", "--per-second", "0"} << 2
            << "--per-second must be a whole number from 1 to 1000000";
        QTest::addRow("burst word")
            << QStringList{"merchant", "rate-limit", "key_test_abc123", "--per-second", "5",
                           "--burst",  "many"}
            << 2 << "--burst must be a whole number";
        QTest::addRow("unlimited and rate")
            << QStringList{"merchant",    "rate-limit",   "key_test_abc123",
                           "--unlimited", "--per-second", "5"}
            << 2 << "--unlimited does not go with --per-second";
        QTest::addRow("rate unknown merchant")
            << QStringList{"merchant", "rate-limit", "nope", "--unlimited"} << 3 << "No merchant";
        QTest::addRow("unknown key") << QStringList{"key", "rotate", "key_live_nope"} << 3
                                     << "No merchant has the key \"key_live_nope\"";
        QTest::addRow("unknown merchant") << QStringList{"merchant", "show", "nope"} << 3
                                          << "No merchant has the id or key \"nope\"";
        QTest::addRow("unknown uuid")
            << QStringList{"merchant", "deactivate", "00000000-0000-0000-0000-000000000000"} << 3
            << "No merchant";
        QTest::addRow("sql in target")
            << QStringList{"merchant", "activate", "' OR 1=1 --"} << 3 << "No merchant";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString before = m_stack
                                   .sql("SELECT string_agg(api_key || api_secret || "
                                        "is_active::text, ',' ORDER BY api_key) FROM merchants")
                                   .value(0);
        const auto r = admin(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.startsWith("gateway-admin: ") && r.err.count('\n') == 1,
                 qPrintable(r.err)); // one clear line
        QVERIFY(r.out.isEmpty());
        QCOMPARE(m_stack
                     .sql("SELECT string_agg(api_key || api_secret || is_active::text, ',' ORDER "
                          "BY api_key) FROM merchants")
                     .value(0),
                 before);
    }

    void databaseUnreachable()
    {
        const auto r =
            admin({"merchant", "list"}, {{"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none"}});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot reach the database 127.0.0.1:1/none"), qPrintable(r.err));
        const auto bad = admin({"merchant", "list"}, {{"DATABASE_URL", "mysql://x"}});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("DATABASE_URL"), qPrintable(bad.err));
    }

    // The secrets' hash key is the database's: without one (outside TEST_MODE) or with another
    // one, gateway-admin says so in one line and touches nothing.
    void needsTheDatabasesSecretHashKey_data()
    {
        QTest::addColumn<Env>("env");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("none outside TEST_MODE")
            << Env{{"TEST_MODE", "false"}, {"API_SECRET_HASH_KEY", QString()}} << 2
            << "API_SECRET_HASH_KEY is not set";
        QTest::addRow("too short") << Env{{"API_SECRET_HASH_KEY", "short"}} << 2
                                   << "API_SECRET_HASH_KEY must be at least 32 characters";
        QTest::addRow("another key")
            << Env{{"API_SECRET_HASH_KEY", QString(40, 'k')}} << 1
            << "API_SECRET_HASH_KEY is not the key this database's API secrets were hashed with";
        QTest::addRow("TEST_MODE's public key")
            << Env{{"API_SECRET_HASH_KEY", QString()}} << 1
            << "API_SECRET_HASH_KEY is not the key this database's API secrets were hashed with";
        QTest::addRow("unreadable file")
            << Env{{"API_SECRET_HASH_KEY", QString()},
                   {"API_SECRET_HASH_KEY_FILE", "/nonexistent/key"}}
            << 2 << "API_SECRET_HASH_KEY_FILE names a file that cannot be read";
    }

    void needsTheDatabasesSecretHashKey()
    {
        QFETCH(Env, env);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString before = m_stack
                                   .sql("SELECT string_agg(api_secret, ',' ORDER BY api_key)"
                                        " FROM merchants")
                                   .value(0);
        const auto r =
            admin({"merchant", "create", "--name", "K", "--email", "k@shop.example"}, env);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.startsWith("gateway-admin: ") && r.err.count('\n') == 1, qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(m_stack.sql("SELECT string_agg(api_secret, ',' ORDER BY api_key) FROM merchants")
                     .value(0),
                 before);
        // The same key from a file works.
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(m_stack.secretHashKey() + "\n");
        file.close();
        QCOMPARE(admin({"merchant", "show", "key_test_abc123"},
                       {{"API_SECRET_HASH_KEY", QString()},
                        {"API_SECRET_HASH_KEY_FILE", file.fileName()}})
                     .exitCode,
                 0);
    }

    void createPrintsWorkingKeysOnce()
    {
        const auto r =
            admin({"merchant", "create", "--name", "Acme Ltd", "--email", "ops@acme.example",
                   "--webhook-url", "https://acme.example/hooks", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value("name").toString(), QString("Acme Ltd"));
        QCOMPARE(o.value("email").toString(), QString("ops@acme.example"));
        QCOMPARE(o.value("active").toBool(), true);
        const QJsonArray keys = o.value("keys").toArray();
        QCOMPARE(keys.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject k = keys[i].toObject();
            const bool live = i == 0;
            const QString mode = live ? "live" : "test";
            QCOMPARE(k.value("livemode").toBool(), live);
            QVERIFY(k.value("key").toString().contains(
                QRegularExpression("^key_" + mode + "_[A-Za-z0-9]{16}$")));
            const QString secret = k.value("secret").toString();
            QVERIFY(secret.contains(QRegularExpression("^secret_" + mode + "_[A-Za-z0-9]{32}$")));
            QVERIFY(k.value("webhook_secret")
                        .toString()
                        .contains(QRegularExpression("^whsec_[A-Za-z0-9]{32}$")));
            QCOMPARE(k.value("webhook_url").toString(), QString("https://acme.example/hooks"));
            // Only a keyed hash of the secret is stored: it verifies under the stack's key and
            // not under any other.
            const QString stored = m_stack
                                       .sql("SELECT api_secret FROM merchants WHERE api_key = '" +
                                            k.value("key").toString() + "'")
                                       .value(0);
            QVERIFY2(
                stored.contains(QRegularExpression("^hmac-sha256\\$[0-9a-f]{32}\\$[0-9a-f]{64}$")),
                qPrintable(stored));
            QVERIFY(secrets::Hasher(m_stack.secretHashKey()).matches(stored, secret.toUtf8()));
            QVERIFY(
                !secrets::Hasher(m_stack.secretHashKey() + "x").matches(stored, secret.toUtf8()));
            QCOMPARE(m_stack
                         .sql("SELECT count(*) FROM merchants WHERE api_secret LIKE '%" +
                              secret.mid(12) + "%'")
                         .value(0),
                     QString("0"));
            const Credentials c{k.value("key").toString().toUtf8(), secret.toUtf8()};
            QCOMPARE(status(c), 200);
            QCOMPARE(status({c.key, c.secret + "x"}), 401);
        }
        // Never shown again.
        const auto show = admin({"merchant", "show", o.value("id").toString()});
        QCOMPARE(show.exitCode, 0);
        for (const auto &k : keys) {
            QVERIFY(show.out.contains(k.toObject().value("key").toString().toUtf8()));
            QVERIFY(!show.out.contains(k.toObject().value("secret").toString().toUtf8()));
        }
        // One account per email.
        const QString before = merchantCount();
        const auto again =
            admin({"merchant", "create", "--name", "Acme 2", "--email", "OPS@acme.example"});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains("A merchant with the email OPS@acme.example exists already"),
                 qPrintable(again.err));
        QCOMPARE(merchantCount(), before);
    }

    void createInTextShowsTheSecrets()
    {
        const auto r =
            admin({"merchant", "create", "--name", "Text Shop", "--email", "text@shop.example"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("X-Api-Key: key_live_") &&
                     r.out.contains("X-Api-Secret: secret_live_") &&
                     r.out.contains("X-Api-Key: key_test_") &&
                     r.out.contains("X-Api-Secret: secret_test_") &&
                     r.out.contains("shown only now"),
                 r.out.constData());
        const auto key =
            QRegularExpression("X-Api-Key: (key_test_\\w+)  X-Api-Secret: (secret_test_\\w+)")
                .match(QString::fromUtf8(r.out));
        QVERIFY(key.hasMatch());
        QCOMPARE(status({key.captured(1).toUtf8(), key.captured(2).toUtf8()}), 200);
    }

    void listAndShow()
    {
        create("list@shop.example");
        const auto json = admin({"merchant", "list", "--json"});
        QCOMPARE(json.exitCode, 0);
        QStringList emails;
        for (const auto &a : json.jsonArray())
            emails << a.toObject().value("email").toString();
        QVERIFY2(emails.contains("test@example.com") && emails.contains("list@shop.example"),
                 qPrintable(emails.join(',')));
        const auto text = admin({"merchant", "list"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("550e8400-e29b-41d4-a716-446655440000  active    key_test_abc123 "
                                  " test@example.com  Test Merchant"));

        // show finds the account by its id, either merchant id or either key.
        const auto byKey = admin({"merchant", "show", "key_test_abc123", "--json"});
        QCOMPARE(byKey.exitCode, 0);
        QCOMPARE(byKey.json().value("id").toString(),
                 QString("550e8400-e29b-41d4-a716-446655440000"));
        QCOMPARE(byKey.json().value("keys").toArray().size(), 1);
        const QJsonObject acme = admin({"merchant", "show", "ops@acme.example"}).json();
        QVERIFY(acme.isEmpty()); // an email is not an id
        const auto acmeRows = m_stack.sql(
            "SELECT id::text FROM merchants WHERE email = 'list@shop.example' ORDER BY livemode");
        QCOMPARE(acmeRows.size(), 2);
        for (const QString &id : acmeRows) {
            const auto r = admin({"merchant", "show", id, "--json"});
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(r.json().value("email").toString(), QString("list@shop.example"));
            QCOMPARE(r.json().value("keys").toArray().size(), 2);
        }
        const auto text1 = admin({"merchant", "show", "key_test_abc123"});
        QVERIFY(text1.out.contains("test key key_test_abc123"));
    }

    void deactivateAndActivate()
    {
        const auto keys = create("switch@shop.example");
        QCOMPARE(keys.size(), 2);
        for (const auto &k : keys)
            QCOMPARE(status(k), 200);
        const auto off =
            admin({"merchant", "deactivate", QString::fromUtf8(keys[1].key), "--json"});
        QCOMPARE(off.exitCode, 0);
        QCOMPARE(off.json().value("active").toBool(), false);
        for (const auto &k : keys)
            QVERIFY(becomes(k, 401));
        QCOMPARE(status({"key_test_abc123", "secret_test_xyz789"}),
                 200); // the others are untouched
        QVERIFY(
            admin({"merchant", "show", QString::fromUtf8(keys[0].key)}).out.contains("inactive"));
        const auto on = admin({"merchant", "activate", QString::fromUtf8(keys[0].key)});
        QCOMPARE(on.exitCode, 0);
        for (const auto &k : keys)
            QVERIFY(becomes(k, 200));
    }

    void rateLimit()
    {
        const auto keys = create("rate@shop.example");
        const QString key = QString::fromUtf8(keys.value(1).key);
        const auto shown =
            admin({"merchant", "show", key, "--json"}).json().value("rate_limit").toObject();
        QCOMPARE(shown,
                 QJsonObject({{"per_second", 25}, {"burst", 50}})); // the default for new accounts
        const auto r =
            admin({"merchant", "rate-limit", key, "--per-second", "5", "--burst", "7", "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value("rate_limit").toObject(),
                 QJsonObject({{"per_second", 5}, {"burst", 7}}));
        QVERIFY(admin({"merchant", "show", key}).out.contains("5/s per key, bursts of 7"));
        auto limitHeader = [&] {
            test::HttpClient c(m_server.baseUrl());
            c.setCredentials(keys.value(0).key, keys.value(0).secret);
            return c.get("/api/v1/orders").header("RateLimit-Limit");
        };
        QVERIFY(test::eventually([&] { return limitHeader() == "7"; }));
        const auto twice = admin({"merchant", "rate-limit", key, "--per-second", "3"});
        QCOMPARE(twice.exitCode, 0);
        QVERIFY(twice.out.contains("3/s per key, bursts of 6"));
        const auto off = admin({"merchant", "rate-limit", key, "--unlimited", "--json"});
        QCOMPARE(off.exitCode, 0);
        QVERIFY(off.json().value("rate_limit").isNull());
        QVERIFY(test::eventually([&] { return limitHeader().isEmpty(); }));
        QVERIFY(admin({"merchant", "show", "key_test_abc123"}).out.contains("rate     unlimited"));
    }

    void rotatedSecretRefusedAfterItsGracePeriod()
    {
        const auto keys = create("rotate@shop.example");
        const Credentials old = keys.value(0);
        const auto r =
            admin({"key", "rotate", QString::fromUtf8(old.key), "--grace", "3s", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QString secret = r.json().value("secret").toString();
        QVERIFY(secret.startsWith("secret_live_"));
        const QDateTime until = QDateTime::fromString(
            r.json().value("previous_secret_expires_at").toString(), Qt::ISODateWithMs);
        QVERIFY(until.isValid());
        const Credentials fresh{old.key, secret.toUtf8()};
        QVERIFY(becomes(fresh, 200));
        if (QDateTime::currentDateTimeUtc() < until.addMSecs(-500))
            QCOMPARE(status(old), 200); // still inside the grace period
        QVERIFY(admin({"merchant", "show", QString::fromUtf8(old.key)})
                    .out.contains("previous secret valid until"));
        const QString previous =
            m_stack
                .sql("SELECT previous_api_secret FROM merchants WHERE api_key = '" +
                     QString::fromUtf8(old.key) + "'")
                .value(0);
        QVERIFY2(secrets::Hasher(m_stack.secretHashKey()).matches(previous, old.secret),
                 qPrintable(previous)); // kept keyed, never in the clear
        QVERIFY(becomes(old, 401, 10000));
        QVERIFY(QDateTime::currentDateTimeUtc() >= until);
        QCOMPARE(status(fresh), 200);
        QCOMPARE(status(keys.value(1)), 200); // the test key keeps its secret
    }

    void rotationWithoutGraceStopsTheOldSecretAtOnce()
    {
        const auto r = admin({"key", "rotate", "key_test_abc123", "--grace", "0"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("the previous secret is refused from now on"), r.out.constData());
        const auto secret = QRegularExpression("new secret (secret_test_\\w+)")
                                .match(QString::fromUtf8(r.out))
                                .captured(1);
        QVERIFY(becomes({"key_test_abc123", "secret_test_xyz789"}, 401));
        QVERIFY(becomes({"key_test_abc123", secret.toUtf8()}, 200));
        m_stack.sql("UPDATE merchants SET api_secret = '" +
                    m_stack.secretHash("secret_test_xyz789") +
                    "' WHERE api_key = 'key_test_abc123'");
        QVERIFY(becomes({"key_test_abc123", "secret_test_xyz789"}, 200));
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            m_server.process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
