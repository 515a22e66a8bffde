// The three hosts of scripts/cluster under faults (issue 25): etcd and Patroni over PostgreSQL in
// synchronous replication, written to all the while through libpq's multi-host connection string
// (target_session_attrs=read-write, as the gateway's data layer connects), and payments and
// refunds made through the API of every host by clients that retry with their Idempotency-Keys
// (apiload.h). For each fault (the primary's host killed at three moments, frozen 20 s,
// partitioned 20 s, the synchronous standby's host killed, two hosts killed) writes are taken
// again afterwards, every acknowledged write is on the primary, nothing written on a partitioned
// primary is acknowledged and then lost, a host brought back rejoins as a standby by itself, and
// the money's invariants hold: every payment and refund answered 2xx is there with its job and
// events, of each payment's three racing refunds exactly two fit, store::MoneyChecks finds
// nothing on the cluster's database, and each key sent again is answered as its first request
// was. Each fault prints the time from the fault to the next acknowledged write (figures only:
// nothing here asserts a speed). The waits of fixed length are the faults' own (20 s frozen or
// cut off, 10 s with one host) and the writes running a moment before and after each fault;
// everything else waits on what it needs (Patroni's view, an acknowledged write). Needs root and
// the right to make network namespaces; without them it reports itself skipped, with the reason.
#include "apiload.h"
#include "clusterscript.h"
#include "core/urls.h"
#include "store/connection.h"
#include "store/moneychecks.h"
#include "store/pgarray.h"
#include "store/sql.h"
#include "support/eventually.h"
#include "support/teststack.h"
#include "writeload.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QTimer>
#include <memory>
#include <unistd.h>

namespace {

const QStringList &kHosts = gw::test::ClusterScript::hosts();

// The suite's own cluster, beside any other on this machine (scripts/cluster's CLUSTER_NAME and
// CLUSTER_NET): the first of ten slots whose names and /24 are free.
gw::test::ClusterScript g_cluster;
using Run = gw::test::ScriptRun;

QString address(const QString &host)
{
    return g_cluster.address(host);
}

// scripts/cluster, run without blocking the event loop, so the writers keep going (and keep
// their clocks honest) while a fault is injected or the cluster is asked about.
Run cluster(const QStringList &args, int timeoutMs = 300'000)
{
    return g_cluster(args, timeoutMs);
}

} // namespace

using namespace gw;

class TestCluster : public QObject
{
    Q_OBJECT
    bool m_up = false;
    QString m_password;
    QString m_gatewayDatabase; // the gateway's DATABASE_URL (the three hosts)
    qint64 m_nextId = 1;
    int m_asked = 0; // the host whose Patroni answered last

    // Patroni's members as the REST API of the first host that answers within a second sees
    // them (what `scripts/cluster status` shows, without asking every process of every host).
    QJsonArray members()
    {
        for (int i = 0; i < kHosts.size(); ++i) {
            const QString &h = kHosts[(m_asked + i) % kHosts.size()];
            test::HttpClient patroni(QStringLiteral("http://%1:8008").arg(address(h)));
            const auto r = patroni.send("GET", QStringLiteral("/cluster"), {}, {}, 1000);
            if (r.status == 200) {
                m_asked = (m_asked + i) % kHosts.size();
                return r.json().value(QStringLiteral("members")).toArray();
            }
        }
        return {};
    }
    QString withRole(const QString &role)
    {
        for (const auto &m : members())
            if (m.toObject().value(QStringLiteral("role")).toString() == role)
                return m.toObject().value(QStringLiteral("name")).toString();
        return {};
    }
    QString primary() { return withRole(QStringLiteral("leader")); }
    QString syncStandby() { return withRole(QStringLiteral("sync_standby")); }
    QString roleOf(const QString &host)
    {
        for (const auto &m : members())
            if (m.toObject().value(QStringLiteral("name")).toString() == host)
                return m.toObject().value(QStringLiteral("role")).toString() + u'/' +
                       m.toObject().value(QStringLiteral("state")).toString();
        return {};
    }
    // A primary with both other hosts streaming from it, one of them its synchronous standby.
    bool healthy()
    {
        if (primary().isEmpty() || syncStandby().isEmpty())
            return false;
        return onPrimary(QStringLiteral("SELECT count(*) FROM pg_stat_replication WHERE state = "
                                        "'streaming'"))
                   .trimmed() == QStringLiteral("2");
    }
    QString onPrimary(const QString &sql)
    {
        const QString p = primary();
        if (p.isEmpty())
            return {};
        return g_cluster
            .run(QStringLiteral("psql"),
                 {QStringLiteral("-qtA"), QStringLiteral("-c"), sql,
                  QStringLiteral("host=%1 user=postgres dbname=postgres connect_timeout=2 "
                                 "password=%2")
                      .arg(address(p), m_password)},
                 30'000)
            .output;
    }
    QSet<qint64> present()
    {
        QSet<qint64> ids;
        const QString out = onPrimary(QStringLiteral("SELECT id FROM cluster_probe"));
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            ids.insert(line.toLongLong());
        return ids;
    }
    // Every acknowledged write is on the primary, once the cluster is whole again.
    void verifyNothingLost(const QSet<qint64> &acknowledged)
    {
        QVERIFY2(test::eventually([this] { return healthy(); }, 90'000),
                 "the cluster did not heal");
        const QSet<qint64> there = present();
        QSet<qint64> lost = acknowledged;
        lost.subtract(there);
        QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("%1 of %2 acknowledged writes lost")
                                                .arg(lost.size())
                                                .arg(acknowledged.size())));
    }
    void report(const char *fault, const test::WriteLoad &load, qint64 faultMs)
    {
        const qint64 back = load.firstAckAfter(faultMs);
        qInfo("%s: writes acknowledged again %.1f s after the fault; %d acknowledged in the 30 s "
              "after it, %lld writes in all",
              fault, double(back - faultMs) / 1000.0,
              load.acknowledgedBetween(faultMs, faultMs + 30'000), qint64(load.writes().size()));
    }
    // A host brought back after a kill (scripts/cluster start, under way while the payments are
    // checked), then rejoined: it is a standby by itself.
    std::unique_ptr<QProcess> bringBack(const QString &host)
    {
        return g_cluster.begin({QStringLiteral("start"), host});
    }
    void rejoined(const QString &host, QProcess &start)
    {
        const Run r = gw::test::ClusterScript::finish(start);
        QVERIFY2(r.code == 0, qPrintable(r.output));
        QVERIFY2(
            test::eventually(
                [&] {
                    const QString role = roleOf(host);
                    return role == QStringLiteral("replica/running") ||
                           role == QStringLiteral("sync_standby/running");
                },
                90'000),
            qPrintable(host + QStringLiteral(" did not rejoin as a standby: ") + roleOf(host)));
    }

    // Payments through every host's API (3 clients), beside the writes through the host list.
    std::unique_ptr<test::ApiLoad> startApi()
    {
        QStringList bases;
        for (const QString &h : kHosts)
            bases << QStringLiteral("http://%1:8000").arg(address(h));
        auto api = std::make_unique<test::ApiLoad>(
            bases,
            QStringLiteral("%1-%2").arg(QLatin1String(QTest::currentTestFunction())).arg(m_nextId));
        api->start(3);
        return api;
    }
    // Stops the API clients once their payments are answered and prints the figures around the
    // fault (bench/README.md takes them from here).
    void finishApi(test::ApiLoad &api, const char *fault, qint64 faultMs)
    {
        // Not before a payment's refunds were answered (under load the worker may not have made
        // one a success yet).
        QVERIFY2(test::eventually([&] { return !api.refunds().isEmpty(); }, 60'000),
                 "no refund was answered within 60 s");
        api.stop();
        QVERIFY2(test::eventually([&] { return api.idle(); }, test::ApiLoad::kRetryForMs + 20'000),
                 "payments through the API still unanswered");
        QVERIFY2(api.unexpected().isEmpty(), qPrintable(api.unexpected().join(QLatin1Char('\n'))));
        QCOMPARE(api.gaveUp(), 0);
        const auto f = api.figures(faultMs);
        qInfo("API, %s: payments 2xx again %.1f s after the fault; in the 30 s after it %d 2xx, "
              "%d 503, %d without an answer; p99 from 10 s before to 30 s after %lld ms; %lld "
              "payments",
              fault, double(f.backMs) / 1000.0, f.created, f.unavailable, f.unanswered, f.p99Ms,
              qint64(api.paid().size()));
        QStringList perHost;
        for (int h = 0; h < kHosts.size(); ++h)
            perHost << kHosts[h] + u' ' + api.answersOf(h, faultMs, 30'000);
        qInfo("API, %s: every POST in the 30 s after, by host, 2xx/503/none: %s", fault,
              qPrintable(perHost.join(QStringLiteral(", "))));
    }
    // The first column of every row of `sql`, asked until the primary answers; false if never.
    static bool rows(store::Connection &db, const QString &sql, const QVariantList &values,
                     QStringList &out)
    {
        return test::eventually(
            [&] {
                auto q = store::exec(db, sql, values);
                if (!q)
                    return false;
                out.clear();
                while (q->next())
                    out << q->value(0).toString();
                return true;
            },
            60'000);
    }

    // Each payment's three racing refunds (40 % each): exactly two answered 201 and one 400 (it
    // did not fit), and the database holds exactly the 201s, each once for its payment and amount,
    // with its refund job and one refund.created event; each key sent again through another host
    // is answered byte for byte as first. store::MoneyChecks (after this) checks every payment's
    // refunds against its amount and the refund.processed events.
    void verifyRefunds(const test::ApiLoad &api, store::Connection &db)
    {
        QHash<QString, int> fits, refused;
        QStringList ids, payments, amounts;
        int retried = 0;
        for (const auto &r : api.refunds()) {
            retried += r.attempts > 1;
            if (r.status == 201) {
                ++fits[r.paymentId];
                ids << r.refundId;
                payments << r.paymentId;
                amounts << QString::number(r.amount);
            } else {
                ++refused[r.paymentId];
            }
        }
        QVERIFY2(!ids.isEmpty(), "no refund was made");
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        QStringList raced = fits.keys() + refused.keys();
        raced.removeDuplicates();
        for (const QString &p : raced)
            QVERIFY2(fits.value(p) == 2 && refused.value(p) == 1,
                     qPrintable(QStringLiteral("payment %1: %2 refunds answered 201, %3 refused; "
                                               "two of the three fit")
                                    .arg(p)
                                    .arg(fits.value(p))
                                    .arg(refused.value(p))));
        QStringList broken;
        QVERIFY(rows(db,
                     QStringLiteral(
                         "SELECT i.id FROM unnest(?::text[], ?::text[], ?::bigint[]) AS i (id, pay,"
                         " amount) LEFT JOIN (SELECT payload::jsonb #>> '{data,refund,id}' AS id,"
                         " count(*) AS created FROM webhook_logs WHERE event = 'refund.created'"
                         " GROUP BY 1) e ON e.id = i.id"
                         " WHERE NOT EXISTS (SELECT 1 FROM refunds r WHERE r.id = i.id"
                         " AND r.payment_id = i.pay AND r.amount = i.amount)"
                         " OR NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'refund'"
                         " AND j.subject_id = i.id) OR coalesce(e.created, 0) <> 1"),
                     {store::pgArray(ids), store::pgArray(payments), store::pgArray(amounts)},
                     broken));
        QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("%1 refunds answered 201 missing or "
                                                             "without their job or event: %2")
                                                  .arg(broken.size())
                                                  .arg(broken.mid(0, 10).join(u' '))));
        QVERIFY(rows(db,
                     QStringLiteral("SELECT g.pay || ': ' || count(r.id) FROM unnest(?::text[])"
                                    " AS g (pay) LEFT JOIN refunds r ON r.payment_id = g.pay"
                                    " GROUP BY g.pay HAVING count(r.id) <> 2"),
                     {store::pgArray(raced)}, broken));
        QVERIFY2(broken.isEmpty(),
                 qPrintable(QStringLiteral("refunds written for a payment other than the two "
                                           "answered 201: ") +
                            broken.mid(0, 10).join(u' ')));
        qInfo("refunds: %lld answered 201 on %lld payments, %lld refused (did not fit); %d "
              "sent more than once",
              qint64(ids.size()), qint64(raced.size()), qint64(api.refunds().size() - ids.size()),
              retried);
    }

    // Once the cluster is whole again: every payment answered 2xx is there, for its order, with
    // its payment job and its payment.created and payment.pending events; no payment id was
    // answered twice; store::MoneyChecks finds nothing (asked until the worker has finished
    // what it was doing); each key's retry, through another host, is answered byte for byte as
    // its first request was.
    void verifyPayments(test::ApiLoad &api)
    {
        auto url = parseDatabaseUrl(m_gatewayDatabase);
        QVERIFY2(url, qPrintable(m_gatewayDatabase));
        store::Connection db(url.value(), QStringLiteral("cluster-test"));
        QStringList ids, orders;
        for (const auto &p : api.paid()) {
            ids << p.paymentId;
            orders << p.orderId;
        }
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        QVERIFY(!ids.isEmpty());
        QStringList broken;
        QVERIFY(
            rows(db,
                 QStringLiteral("SELECT i.id FROM unnest(?::text[], ?::text[]) AS i (id, ord)"
                                " LEFT JOIN (SELECT payload::jsonb #>> '{data,payment,id}' AS id,"
                                " count(*) FILTER (WHERE event = 'payment.created') AS created,"
                                " count(*) FILTER (WHERE event = 'payment.pending') AS pending"
                                " FROM webhook_logs GROUP BY 1) e ON e.id = i.id"
                                " WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = i.id"
                                " AND p.order_id = i.ord) OR NOT EXISTS (SELECT 1 FROM jobs j"
                                " WHERE j.kind = 'payment' AND j.subject_id = i.id)"
                                " OR coalesce(e.created, 0) <> 1 OR coalesce(e.pending, 0) <> 1"),
                 {store::pgArray(ids), store::pgArray(orders)}, broken));
        QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("%1 payments answered 2xx missing, or "
                                                             "without their job or events: %2")
                                                  .arg(broken.size())
                                                  .arg(broken.mid(0, 10).join(u' '))));
        verifyRefunds(api, db);
        if (QTest::currentTestFailed())
            return;
        QList<store::Violation> violations;
        const bool hold = test::eventually(
            [&] {
                auto v = store::MoneyChecks(db).run();
                if (!v)
                    return false;
                violations = v.value();
                return violations.isEmpty();
            },
            90'000);
        QStringList what;
        for (const auto &v : violations.mid(0, 10))
            what << v.invariant + u' ' + v.subject + u' ' + v.detail;
        QVERIFY2(hold, qPrintable(what.join(QLatin1Char('\n'))));
        // Each payment's and refund's key sent again through another host than the one whose
        // turn it was: its first answer.
        api.replayAll();
        QVERIFY2(test::eventually([&] { return api.replayed(); }, 60'000),
                 "requests sent again still unanswered");
        QVERIFY2(api.differ().isEmpty(), qPrintable(api.differ().mid(0, 10).join(u'\n')));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("the cluster suite needs root (it makes network namespaces); run as root");
        // A namespace made and entered, as `up` does (a chroot or a container may not allow it).
        const Run probe = cluster({QStringLiteral("probe")});
        if (probe.code != 0)
            QSKIP(qPrintable(probe.output.trimmed()));
        const Run up = g_cluster.up(QStringLiteral("gwt"), 20);
        QVERIFY2(up.code == 0, qPrintable(up.output));
        m_up = true;
        QFile secrets(g_cluster.runDir() + QStringLiteral("/secrets"));
        QVERIFY(secrets.open(QIODevice::ReadOnly));
        for (const QByteArray &line : secrets.readAll().split('\n'))
            if (line.startsWith("postgres="))
                m_password = QString::fromUtf8(line.mid(9));
        QVERIFY(!m_password.isEmpty());
        QFile env(g_cluster.runDir() + QStringLiteral("/h1/env"));
        QVERIFY(env.open(QIODevice::ReadOnly));
        for (const QByteArray &line : env.readAll().split('\n'))
            if (line.startsWith("DATABASE_URL="))
                m_gatewayDatabase = QString::fromUtf8(line.mid(13));
        QVERIFY(!m_gatewayDatabase.isEmpty());
        QVERIFY(onPrimary(QStringLiteral("CREATE TABLE cluster_probe (id bigint PRIMARY KEY)"))
                    .isEmpty());
        QVERIFY(test::eventually([this] { return healthy(); }, 90'000));
    }

    void cleanupTestCase()
    {
        if (m_up)
            g_cluster.down();
    }

    void primaryKilled_data()
    {
        QTest::addColumn<int>("delayMs");
        // Three moments: kills land at different points of the writers' statements and of
        // Patroni's one-second loop.
        for (int i = 0; i < 3; ++i)
            QTest::addRow("run %d", i + 1) << 1500 + int(QRandomGenerator::global()->bounded(2000));
    }
    void primaryKilled()
    {
        QFETCH(int, delayMs);
        QVERIFY(test::eventually([this] { return healthy(); }, 90'000));
        const QString victim = primary();
        test::WriteLoad load(g_cluster, m_password, {}, m_nextId);
        m_nextId += 1'000'000;
        load.start(3);
        auto api = startApi();
        QTest::qWait(delayMs); // the random moment of the load the kill comes at
        QCOMPARE(cluster({QStringLiteral("kill"), victim}).code, 0);
        const qint64 fault = load.now(); // the fault is in place
        const qint64 apiFault = api->now();
        QVERIFY2(test::eventually([&] { return load.firstAckAfter(fault) >= 0; }, 60'000),
                 "no write was acknowledged within 60 s of the primary's host being killed");
        QVERIFY2(test::eventually([&] { return api->figures(apiFault).backMs >= 0; }, 60'000),
                 "no payment was answered 2xx within 60 s of the primary's host being killed");
        QTest::qWait(1000); // a second of load after the recovery: its writes are checked too
        load.stop();
        report("primary's host killed", load, fault);
        finishApi(*api, "primary's host killed", apiFault);
        if (QTest::currentTestFailed())
            return;
        QString now;
        QVERIFY(test::eventually([&] { return !(now = primary()).isEmpty(); }, 60'000));
        QVERIFY(now != victim);
        auto back = bringBack(victim);
        verifyPayments(*api); // while the host starts; it is waited for even if this failed
        rejoined(victim, *back);
        verifyNothingLost(load.acknowledged());
    }

    void primaryFrozen()
    {
        QVERIFY(test::eventually([this] { return healthy(); }, 90'000));
        const QString victim = primary();
        test::WriteLoad load(g_cluster, m_password, {}, m_nextId);
        m_nextId += 1'000'000;
        load.start(3);
        auto api = startApi();
        QTest::qWait(2000); // two seconds of load before the fault: their writes are checked too
        QCOMPARE(cluster({QStringLiteral("freeze"), victim}).code, 0);
        const qint64 fault = load.now(); // the fault is in place
        const qint64 apiFault = api->now();
        QTest::qWait(20'000); // the 20 s of freeze, under load
        QCOMPARE(cluster({QStringLiteral("thaw"), victim}).code, 0);
        QVERIFY2(test::eventually([&] { return load.firstAckAfter(fault) >= 0; }, 60'000),
                 "no write was acknowledged after the primary was frozen");
        QTest::qWait(1000); // a second of load after the recovery: its writes are checked too
        load.stop();
        report("primary frozen 20 s", load, fault);
        finishApi(*api, "primary frozen 20 s", apiFault);
        if (QTest::currentTestFailed())
            return;
        verifyPayments(*api);
        if (QTest::currentTestFailed())
            return;
        // The thawed host finds another primary and follows it.
        QVERIFY2(test::eventually(
                     [&] {
                         return roleOf(victim).endsWith(QStringLiteral("/running")) &&
                                primary() != victim;
                     },
                     90'000),
                 qPrintable(roleOf(victim)));
        verifyNothingLost(load.acknowledged());
    }

    void primaryPartitioned()
    {
        QVERIFY(test::eventually([this] { return healthy(); }, 90'000));
        const QString victim = primary();
        test::WriteLoad load(g_cluster, m_password, {}, m_nextId);
        m_nextId += 1'000'000;
        // Writes sent to the cut-off primary from its own side of the partition: refused, or
        // acknowledged and present after the heal (no split brain).
        test::WriteLoad inside(g_cluster, m_password, victim, m_nextId);
        m_nextId += 1'000'000;
        load.start(3);
        auto api = startApi();
        QTest::qWait(2000); // two seconds of load before the fault: their writes are checked too
        QCOMPARE(cluster({QStringLiteral("partition"), victim}).code, 0);
        const qint64 fault = load.now(); // the fault is in place
        const qint64 apiFault = api->now();
        inside.start(2);
        QTest::qWait(20'000); // the 20 s of partition, writes sent to both sides
        inside.stop();
        const qint64 healed = load.now();
        QCOMPARE(cluster({QStringLiteral("heal"), victim}).code, 0);
        QVERIFY2(test::eventually([&] { return load.firstAckAfter(fault) >= 0; }, 60'000),
                 "no write was acknowledged after the primary was partitioned");
        QTest::qWait(1000); // a second of load after the recovery: its writes are checked too
        load.stop();
        report("primary partitioned 20 s", load, fault);
        finishApi(*api, "primary partitioned 20 s", apiFault);
        if (QTest::currentTestFailed())
            return;
        qInfo("writes sent inside the partition: %lld, acknowledged: %lld",
              qint64(inside.writes().size()), qint64(inside.acknowledged().size()));
        verifyPayments(*api);
        if (QTest::currentTestFailed())
            return;
        verifyNothingLost(load.acknowledged() + inside.acknowledged());
        // Another host was promoted while the victim was cut off: writes through the host list
        // (which cannot reach the victim) were acknowledged before the heal.
        const qint64 back = load.firstAckAfter(fault);
        QVERIFY2(back >= 0 && back < healed, "no other host took writes during the partition");
        // Which host leads after the heal is Patroni's choice; one run saw the victim lead again
        // (a second election after it rejoined), so it is reported, not asserted.
        QString now;
        QVERIFY(test::eventually([&] { return !(now = primary()).isEmpty(); }, 60'000));
        qInfo("partitioned primary %s; primary after the heal %s", qPrintable(victim),
              qPrintable(now));
    }

    void syncStandbyKilled()
    {
        QVERIFY(test::eventually([this] { return healthy(); }, 90'000));
        const QString victim = syncStandby();
        const QString before = primary();
        test::WriteLoad load(g_cluster, m_password, {}, m_nextId);
        m_nextId += 1'000'000;
        load.start(3);
        auto api = startApi();
        QTest::qWait(2000); // two seconds of load before the fault: their writes are checked too
        QCOMPARE(cluster({QStringLiteral("kill"), victim}).code, 0);
        const qint64 fault = load.now(); // the fault is in place
        const qint64 apiFault = api->now();
        QVERIFY2(test::eventually([&] { return load.firstAckAfter(fault) >= 0; }, 60'000),
                 "writes stopped when the synchronous standby's host was killed");
        QTest::qWait(1000); // a second of load after the recovery: its writes are checked too
        load.stop();
        report("synchronous standby's host killed", load, fault);
        finishApi(*api, "synchronous standby's host killed", apiFault);
        if (QTest::currentTestFailed())
            return;
        // The same primary (asked until the status answers: under load one may time out).
        QString after;
        QVERIFY(test::eventually([&] { return !(after = primary()).isEmpty(); }, 60'000));
        QCOMPARE(after, before);
        auto back = bringBack(victim);
        verifyPayments(*api); // while the host starts; it is waited for even if this failed
        rejoined(victim, *back);
        verifyNothingLost(load.acknowledged());
    }

    // With one host left there is neither an etcd quorum nor a synchronous standby: no write is
    // acknowledged on that host alone (synchronous_mode_strict), and writes resume once a second
    // host is back.
    void oneHostLeft()
    {
        QVERIFY(test::eventually([this] { return healthy(); }, 90'000));
        const QString a = syncStandby();
        QString b;
        for (const QString &h : kHosts)
            if (h != a && h != primary())
                b = h;
        test::WriteLoad load(g_cluster, m_password, {}, m_nextId);
        m_nextId += 1'000'000;
        load.start(2);
        auto api = startApi();
        // Payments completed and a payment's refunds raced before the kills.
        QVERIFY2(test::eventually([&] { return api->refunds().size() >= 3; }, 30'000),
                 "no payment's refunds were answered before the kills");
        QCOMPARE(cluster({QStringLiteral("kill"), a}).code, 0);
        QCOMPARE(cluster({QStringLiteral("kill"), b}).code, 0);
        const qint64 alone = load.now();
        const qint64 apiAlone = api->now();
        QTest::qWait(10'000); // ten seconds with one host left: nothing may be acknowledged
        const qint64 backAt = load.now();
        QCOMPARE(load.acknowledgedBetween(alone + test::WriteLoad::kTimeoutMs, backAt), 0);
        const Run r = cluster({QStringLiteral("start"), a});
        QVERIFY2(r.code == 0, qPrintable(r.output));
        QVERIFY2(test::eventually([&] { return load.firstAckAfter(backAt) >= 0; }, 90'000),
                 "writes did not resume with two hosts back");
        load.stop();
        report("two hosts killed, one brought back", load, alone);
        finishApi(*api, "two hosts killed, one brought back", apiAlone);
        if (QTest::currentTestFailed())
            return;
        auto back = bringBack(b);
        verifyPayments(*api); // while the host starts; it is waited for even if this failed
        rejoined(b, *back);
        verifyNothingLost(load.acknowledged());
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
