// One server thread's memory of merchants by key, without a server: a merchant is found until its
// entry's time is up, a newer insert replaces it, and the cache never grows past its bound.
#include "server/http/authcache.h"

#include <QElapsedTimer>
#include <QTest>

using namespace gw;
using namespace gw::http;

namespace {
Merchant merchant(const QString &key, const QString &name = QStringLiteral("Shop"))
{
    Merchant m;
    m.id = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");
    m.apiKey = key;
    m.name = name;
    return m;
}
} // namespace

class TestAuthCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsWhatWasInserted()
    {
        AuthCache cache;
        QVERIFY(!cache.find(QStringLiteral("key_a")));
        cache.insert(merchant(QStringLiteral("key_a")));
        QCOMPARE(cache.find(QStringLiteral("key_a"))->apiKey, QStringLiteral("key_a"));
        QVERIFY(!cache.find(QStringLiteral("key_b")));
        cache.insert(merchant(QStringLiteral("key_a"), QStringLiteral("Renamed")));
        QCOMPARE(cache.find(QStringLiteral("key_a"))->name, QStringLiteral("Renamed"));
    }

    // The time-out being exceeded is the behaviour: a rotated secret takes effect within kTtlMs.
    void forgetsAfterItsTime()
    {
        AuthCache cache;
        QElapsedTimer clock;
        clock.start();
        cache.insert(merchant(QStringLiteral("key_a")));
        QVERIFY(cache.find(QStringLiteral("key_a")));
        QTRY_VERIFY_WITH_TIMEOUT(!cache.find(QStringLiteral("key_a")), 4 * AuthCache::kTtlMs);
        QVERIFY(clock.elapsed() >= AuthCache::kTtlMs);
    }

    void staysWithinItsBound()
    {
        AuthCache cache;
        for (int i = 0; i < AuthCache::kMaxEntries; ++i)
            cache.insert(merchant(QStringLiteral("key_%1").arg(i)));
        QVERIFY(cache.find(QStringLiteral("key_0")));
        QVERIFY(cache.find(QStringLiteral("key_%1").arg(AuthCache::kMaxEntries - 1)));
        // One more starts again from empty (the cache refills within one TTL).
        cache.insert(merchant(QStringLiteral("key_new")));
        QVERIFY(cache.find(QStringLiteral("key_new")));
        QVERIFY(!cache.find(QStringLiteral("key_0")));
    }
};

QTEST_MAIN(TestAuthCache)
#include "tst_authcache.moc"
