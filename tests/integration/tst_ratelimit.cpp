// Per-key rate limits: a token bucket in Redis that every API process shares (two servers here),
// 429 RATE_LIMITED with Retry-After and RateLimit-* headers, other merchants unaffected, the public
// checkout routes in a bucket of their own per key and address, and without Redis (gone or hung)
// every request passes while /health says the limiter fails open.
// Request bodies read better with plain string literals than with QStringLiteral everywhere.
#undef QT_NO_CAST_FROM_ASCII
#include "store/accountstore.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QTest>
#include <csignal>

using namespace gw;

class TestRateLimit : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_a;
    test::RunningService m_b;

    // A new account (its live and test credentials) whose keys get `burst` tokens, one more a
    // second.
    QList<store::CreatedKey> account(const QString &email, int burst)
    {
        store::Connection c(m_stack.database(), "tst-ratelimit");
        store::AccountStore accounts(c, secrets::Hasher(m_stack.secretHashKey()));
        auto created = accounts.create({"Shop", email, {}});
        if (!created || !accounts.setRateLimit(created->account.id, 1, burst))
            return {};
        return created->keys;
    }

    static test::HttpResponse get(const test::RunningService &s, const store::CreatedKey &k,
                                  const QString &path = "/api/v1/orders", bool keyOnly = false,
                                  int timeoutMs = 30000)
    {
        test::HttpClient c(s.baseUrl());
        c.setCredentials(k.apiKey.toUtf8(), keyOnly ? QByteArray() : k.apiSecret.toUtf8());
        return c.send("GET", path, {}, {}, timeoutMs);
    }

    // Requests alternating between the two servers until the first 429 (at most `most`); the
    // number that passed before it.
    int passedBefore429(const store::CreatedKey &k, int most, test::HttpResponse &refused,
                        const QString &path = "/api/v1/orders", bool keyOnly = false)
    {
        for (int i = 0; i < most; ++i) {
            auto r = get(i % 2 ? m_b : m_a, k, path, keyOnly);
            if (r.status == 429) {
                refused = r;
                return i;
            }
            if (r.status != 200)
                return -1;
        }
        return most;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_stack.start(), QString());
        m_a = m_stack.startServer();
        m_b = m_stack.startServer();
        QVERIFY2(m_a.port && m_b.port, qPrintable(m_a.process->output() + m_b.process->output()));
    }

    void newAccountsGetTheDefaultSeededMerchantUnlimited()
    {
        store::Connection c(m_stack.database(), "tst-ratelimit");
        auto created = store::AccountStore(c, secrets::Hasher(m_stack.secretHashKey()))
                           .create({"Default", "default@example.com", {}});
        QVERIFY(created);
        QCOMPARE(created->account.ratePerSecond, store::AccountStore::kDefaultRatePerSecond);
        const auto r = get(m_a, created->keys[0]);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("RateLimit-Limit"),
                 QByteArray::number(store::AccountStore::kDefaultRateBurst));
        const auto seeded = test::HttpClient(m_a.baseUrl()).get("/api/v1/orders");
        QCOMPARE(seeded.status, 200);
        QVERIFY(seeded.header("RateLimit-Limit").isEmpty());
    }

    void twoProcessesShareOneBucket()
    {
        const auto keys = account("shared@example.com", 6);
        QCOMPARE(keys.size(), 2);
        test::HttpResponse refused;
        // One bucket for both servers: about 6 pass (a token a second may refill meanwhile); a
        // bucket per process would let 12 through.
        const int passed = passedBefore429(keys[0], 16, refused);
        QVERIFY2(passed >= 6 && passed < 12, qPrintable(QString::number(passed)));
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), QString("RATE_LIMITED"));
        QVERIFY(
            !refused.json().value("error").toObject().value("description").toString().isEmpty());
        QVERIFY(refused.header("Retry-After").toInt() >= 1);
        QCOMPARE(refused.header("RateLimit-Limit"), QByteArray("6"));
        QCOMPARE(refused.header("RateLimit-Remaining"), QByteArray("0"));
        QVERIFY(refused.header("RateLimit-Reset").toInt() >= 1);
        QCOMPARE(refused.header("Content-Type"), QByteArray("application/json"));

        // Other merchants, and the same account's other key, are unaffected.
        QCOMPARE(get(m_b, keys[1]).status, 200);
        QCOMPARE(test::HttpClient(m_b.baseUrl()).get("/api/v1/orders").status, 200);
        const auto other = account("other@example.com", 6);
        QCOMPARE(get(m_a, other[0]).status, 200);
        // The public checkout routes have a bucket per key and address of their own.
        test::HttpClient writer(m_a.baseUrl());
        writer.setCredentials(keys[1].apiKey.toUtf8(), keys[1].apiSecret.toUtf8());
        const QString order =
            writer.post("/api/v1/orders", {{"amount", 1000}}).json().value("id").toString();
        QVERIFY(!order.isEmpty());
        test::HttpResponse publicRefused;
        const int publicPassed = passedBefore429(keys[1], 16, publicRefused,
                                                 "/api/v1/orders/" + order + "/public", true);
        QVERIFY2(publicPassed >= 6 && publicPassed < 12, qPrintable(QString::number(publicPassed)));
        QVERIFY(publicRefused.header("Retry-After").toInt() >= 1);

        // Tokens come back: one a second.
        QVERIFY(test::eventually([&] { return get(m_a, keys[0]).status == 200; }));
    }

    // Behind a load balancer every connection comes from its address. A server that trusts it
    // (TRUSTED_PROXIES) gives each shopper it names in X-Forwarded-For a public bucket of their
    // own; a server that does not ignores the header, so a shopper cannot pick a fresh bucket.
    void aTrustedProxyNamesEachShopper()
    {
        auto behindProxy = m_stack.startServer({{"TRUSTED_PROXIES", "127.0.0.1"}});
        QVERIFY2(behindProxy.port, qPrintable(behindProxy.process->output()));
        const auto keys = account("proxied@example.com", 4);
        QCOMPARE(keys.size(), 2);
        test::HttpClient writer(m_a.baseUrl());
        writer.setCredentials(keys[1].apiKey.toUtf8(), keys[1].apiSecret.toUtf8());
        const QString order =
            writer.post("/api/v1/orders", {{"amount", 1000}}).json().value("id").toString();
        QVERIFY(!order.isEmpty());
        const QString path = "/api/v1/orders/" + order + "/public";
        const auto publicGet = [&](const test::RunningService &s, const QByteArray &shopper) {
            test::HttpClient c(s.baseUrl());
            c.setCredentials(keys[1].apiKey.toUtf8(), {});
            test::Headers h;
            if (!shopper.isEmpty())
                h.append({"X-Forwarded-For", shopper});
            return c.send("GET", path, {}, h).status;
        };
        // The first shopper spends their bucket (4, one more a second).
        int passed = 0;
        while (passed < 12 && publicGet(behindProxy, "203.0.113.1") == 200)
            ++passed;
        QVERIFY2(passed >= 4 && passed < 8, qPrintable(QString::number(passed)));
        QCOMPARE(publicGet(behindProxy, "203.0.113.1"), 429);
        // Another shopper behind the same balancer still has theirs.
        QCOMPARE(publicGet(behindProxy, "203.0.113.2"), 200);
        // A server that trusts nobody: the caller's own address, whatever the header says.
        passed = 0;
        while (passed < 12 && publicGet(m_a, "") == 200)
            ++passed;
        QVERIFY2(passed >= 4 && passed < 8, qPrintable(QString::number(passed)));
        QCOMPARE(publicGet(m_a, "203.0.113.3"), 429);
        behindProxy.process->terminate();
    }

    void failsOpenWithoutRedis()
    {
        const auto keys = account("noredis@example.com", 2);
        test::HttpResponse refused;
        QVERIFY(passedBefore429(keys[0], 6, refused) < 6);
        QVERIFY(m_stack.stopRedis());
        for (int i = 0; i < 6; ++i)
            QCOMPARE(get(i % 2 ? m_b : m_a, keys[0]).status, 200);
        const auto health = test::HttpClient(m_a.baseUrl()).get("/health").json();
        QCOMPARE(health.value("rate_limiter").toString(), QString("failing_open"));
        QVERIFY(m_stack.startRedis());
        QVERIFY(test::eventually(
            [&] {
                return test::HttpClient(m_a.baseUrl())
                           .get("/health")
                           .json()
                           .value("rate_limiter") == "enforcing";
            },
            15000));
        QVERIFY(test::eventually([&] { return passedBefore429(keys[0], 6, refused) < 6; }, 15000));
    }

    // A Redis that accepts connections but never answers (SIGSTOP): requests pass on the limiter's
    // short timeout (50 ms, then a second without asking) instead of waiting for Redis. The
    // client's 1.5 s bound is not a speed figure: a limiter on the 2 s timeout of the server's
    // other Redis connection would miss it on every thread's first request.
    void failsOpenWithAHungRedis()
    {
        const auto keys = account("hung@example.com", 2);
        const qint64 pid = m_stack.redisPid();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
        int passed = 0;
        for (int i = 0; i < 6; ++i)
            passed += get(i % 2 ? m_b : m_a, keys[0], "/api/v1/orders", false, 1500).status == 200;
        ::kill(pid_t(pid), SIGCONT);
        QCOMPARE(passed, 6);
    }

    void cleanupTestCase()
    {
        for (auto *s : {&m_a, &m_b})
            if (s->process)
                s->process->terminate();
        m_stack.stop();
    }
};

QTEST_GUILESS_MAIN(TestRateLimit)
#include "tst_ratelimit.moc"
