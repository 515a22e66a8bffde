// The fleet of issue 26 under faults: three hosts of scripts/cluster, each with PostgreSQL under
// Patroni, Redis with a Sentinel, gateway-server, gateway-worker and checkout-web, HAProxy in front
// on loopback. Payments go through HAProxy the whole time, every POST with an Idempotency-Key and
// sent again until answered (PaymentLoad), while: an API host's server is killed (HAProxy takes
// it out; no request fails; meanwhile the console's own HTTP client lists, refunds and retries
// a delivery through HAProxy); every gateway-server and gateway-worker is restarted one host at a
// time (they drain; no request fails); the Redis master is frozen 20 s, then thawed; the Redis
// master, moved first to PostgreSQL's primary's host, has that host killed at three random
// moments, then brought back (the workers on the other hosts go on without a restart; writes
// wait for the new primary); a whole host that is neither is killed and brought back (it
// rejoins by itself). After each: no 4xx, every payment final and present, `gateway-admin check`
// (store::MoneyChecks) finds nothing, every webhook delivered, signed, and each payment's events
// in the order SPEC's timestamps promise. Each fault prints its figures (failed requests, time to
// 2xx and to completed payments again, p99 around it); nothing here asserts a speed. Needs root
// and the right to make network namespaces, else it reports itself skipped with the reason.
#include "clusterscript.h"
#include "console/apifields.h"
#include "console/httpapiclient.h"
#include "paymentload.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"
#include "support/webhookreceiver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <limits>
#include <optional>
#include <unistd.h>

using namespace gw;

namespace {
constexpr int kClients = 6;
constexpr qint64 kEnd = std::numeric_limits<qint64>::max();
const QByteArray kWebhookSecret = "whsec_test_abc123"; // the test merchant's (SPEC)
} // namespace

class TestFleet : public QObject
{
    Q_OBJECT
    test::ClusterScript m_cluster;
    test::WebhookReceiver m_receiver;

    QJsonObject status()
    {
        return QJsonDocument::fromJson(
                   m_cluster({QStringLiteral("status"), QStringLiteral("--json")}, 60'000)
                       .output.toUtf8())
            .object();
    }
    QString primary() { return status().value(QStringLiteral("primary")).toString(); }
    // The Redis master as the first Sentinel that answers names it ("" when none does).
    QString redisMaster()
    {
        for (const QString &h : test::ClusterScript::hosts()) {
            const QString a =
                m_cluster
                    .run(QStringLiteral("timeout"),
                         {QStringLiteral("1"), QStringLiteral("redis-cli"), QStringLiteral("-h"),
                          m_cluster.address(h), QStringLiteral("-p"), QStringLiteral("26379"),
                          QStringLiteral("SENTINEL"), QStringLiteral("get-master-addr-by-name"),
                          QStringLiteral("gateway")},
                         5'000)
                    .output.section(u'\n', 0, 0)
                    .trimmed();
            for (const QString &m : test::ClusterScript::hosts())
                if (!a.isEmpty() && m_cluster.address(m) == a)
                    return m;
        }
        return {};
    }
    QString redisCli(const QString &host, int port, const QStringList &command)
    {
        return m_cluster
            .run(QStringLiteral("timeout"),
                 QStringList{QStringLiteral("2"), QStringLiteral("redis-cli"), QStringLiteral("-h"),
                             m_cluster.address(host), QStringLiteral("-p"), QString::number(port)} +
                     command,
                 5'000)
            .output.trimmed();
    }
    // The Redis master moved to PostgreSQL's primary's host, so that killing that host takes
    // both: the Sentinels fail over by hand (SENTINEL FAILOVER) with the third host's replica
    // left out (replica-priority 0), then every replica may be promoted again.
    bool colocateRedisMasterWithPrimary()
    {
        const QString db = primary();
        const QString master = redisMaster();
        if (db.isEmpty() || master.isEmpty())
            return false;
        if (db == master)
            return true;
        for (const QString &h : test::ClusterScript::hosts())
            if (h != db && h != master)
                redisCli(h, 6379,
                         {QStringLiteral("CONFIG"), QStringLiteral("SET"),
                          QStringLiteral("replica-priority"), QStringLiteral("0")});
        const QString asked = redisCli(
            db, 26379,
            {QStringLiteral("SENTINEL"), QStringLiteral("FAILOVER"), QStringLiteral("gateway")});
        // A replica still resyncing (after the freeze) may miss its promotion; the Sentinel
        // tries again 2 × failover-timeout (20 s) after its first attempt.
        const bool moved = test::eventually([&] { return redisMaster() == db; }, 60'000);
        for (const QString &h : test::ClusterScript::hosts())
            redisCli(h, 6379,
                     {QStringLiteral("CONFIG"), QStringLiteral("SET"),
                      QStringLiteral("replica-priority"), QStringLiteral("100")});
        if (!moved)
            qWarning("fleet: SENTINEL FAILOVER answered %s; the master stayed", qPrintable(asked));
        return moved;
    }
    bool redisMasterMovedFrom(const QString &victim)
    {
        const QString m = redisMaster();
        return !m.isEmpty() && m != victim;
    }
    QJsonObject hostStatus(const QString &host, const QJsonObject &all)
    {
        for (const auto &h : all.value(QStringLiteral("hosts")).toArray())
            if (h.toObject().value(QStringLiteral("host")).toString() == host)
                return h.toObject();
        return {};
    }
    QJsonObject hostStatus(const QString &host) { return hostStatus(host, status()); }
    // The pid of each host's gateway-worker, as one cluster status has them.
    QMap<QString, qint64> workerPids(const QJsonObject &all)
    {
        QMap<QString, qint64> pids;
        for (const QString &h : test::ClusterScript::hosts())
            for (const auto &p : hostStatus(h, all).value(QStringLiteral("processes")).toArray())
                if (p.toObject().value(QStringLiteral("name")).toString() ==
                    QStringLiteral("worker"))
                    pids[h] = qint64(p.toObject().value(QStringLiteral("pid")).toDouble());
        return pids;
    }

    // HAProxy's own view, straight from its stats socket: "backend/server" -> status.
    QMap<QString, QString> haproxy()
    {
        QMap<QString, QString> view;
        QLocalSocket s;
        s.connectToServer(m_cluster.runDir() + QStringLiteral("/haproxy.sock"));
        if (!s.waitForConnected(1000))
            return view;
        s.write("show stat\n");
        QByteArray all;
        while (s.waitForReadyRead(1000))
            all += s.readAll();
        for (const QByteArray &line : all.split('\n')) {
            const QList<QByteArray> f = line.split(',');
            if (f.size() > 18 && !line.startsWith('#'))
                view[QString::fromUtf8(f[0] + '/' + f[1])] = QString::fromUtf8(f[17]);
        }
        return view;
    }
    bool serving(const QString &host)
    {
        const auto v = haproxy();
        return v.value(QStringLiteral("api/") + host).startsWith(QStringLiteral("UP")) &&
               v.value(QStringLiteral("checkout/") + host).startsWith(QStringLiteral("UP"));
    }
    bool out(const QString &host)
    {
        const auto v = haproxy();
        return !v.value(QStringLiteral("api/") + host).startsWith(QStringLiteral("UP")) &&
               !v.value(QStringLiteral("api_db/") + host).startsWith(QStringLiteral("UP"));
    }

    // SQL on the primary, through libpq's host list as the gateway's own role.
    QString sql(const QString &statement)
    {
        QStringList hosts, ports;
        for (const QString &h : test::ClusterScript::hosts())
            hosts << m_cluster.address(h), ports << QStringLiteral("5432");
        const QString conninfo =
            QStringLiteral("host=%1 port=%2 user=gateway_user password=gateway_pass "
                           "dbname=payment_gateway connect_timeout=2 "
                           "target_session_attrs=read-write")
                .arg(hosts.join(u','), ports.join(u','));
        return m_cluster
            .run(QStringLiteral("psql"),
                 {QStringLiteral("-qtA"), QStringLiteral("-c"), statement, conninfo}, 30'000)
            .output.trimmed();
    }

    void report(const char *fault, const test::PaymentLoad &load, qint64 at)
    {
        const qint64 back = load.firstSuccessAfter(at);
        // A payment created after the fault completed (the worker side is back), and the longest
        // a payment created around the fault waited for its outcome.
        const QStringList pay =
            sql(QStringLiteral("SELECT coalesce(floor(extract(epoch FROM min(updated_at) FILTER "
                               "(WHERE created_at >= to_timestamp(%1 / 1000.0))) * 1000), -1), "
                               "coalesce(round(max(extract(epoch FROM updated_at - created_at)) * "
                               "1000), -1) FROM payments WHERE status <> 'pending' AND created_at "
                               "BETWEEN to_timestamp(%2 / 1000.0) AND to_timestamp(%3 / 1000.0)")
                    .arg(at)
                    .arg(at - 5'000)
                    .arg(at + 10'000))
                .split(u'|');
        const qint64 completed = pay.value(0).toLongLong();
        qInfo("fleet: %s: %d failed requests (%.1f s from the first to the last), 2xx again "
              "after %.1f s, a payment created after it completed after %.1f s, the longest "
              "create-to-outcome around it %lld ms, p99 %lld ms in the 5 s before and %lld ms "
              "in the 10 s after; %lld payments in the run",
              fault, load.failedBetween(at, kEnd), double(load.failingSpanAfter(at)) / 1000,
              back < 0 ? -1.0 : double(back - at) / 1000,
              completed < 0 ? -1.0 : double(completed - at) / 1000, pay.value(1).toLongLong(),
              load.p99(at - 5'000, at), load.p99(at, at + 10'000), qint64(load.payments().size()));
        for (const QString &f : load.failuresAfter(at))
            qInfo("fleet:   failed: %s", qPrintable(f));
        qInfo("fleet:   the longest attempt under way at it or sent in the 10 s after: %lld ms; "
              "attempts sent after it that took over 5 s: %d",
              load.longestInFlight(at, at + 10'000), load.slowerThan(at, 5'000));
    }

    // Every money invariant, every webhook delivered, signed and in the promised order.
    void verifyMoney(const test::PaymentLoad &load)
    {
        QVERIFY2(load.problems().isEmpty(), qPrintable(load.problems().join(u'\n')));
        QElapsedTimer took;
        took.start();
        QVERIFY2(test::eventually(
                     [&] {
                         return sql(QStringLiteral("SELECT count(*) FROM payments WHERE status = "
                                                   "'pending'")) == QStringLiteral("0");
                     },
                     90'000),
                 "payments left pending");
        const qint64 final = took.elapsed();
        const QStringList ids = sql(QStringLiteral("SELECT id FROM payments")).split(u'\n');
        const QSet<QString> stored(ids.begin(), ids.end());
        for (const QString &id : load.payments())
            QVERIFY2(stored.contains(id),
                     qPrintable(id + QStringLiteral(" was answered 201 and is gone")));
        const test::ScriptRun check = m_cluster.run(
            QStringLiteral("env"),
            {QStringLiteral("DATABASE_URL=postgresql://gateway_user:gateway_pass@%1:5432,%2:5432,"
                            "%3:5432/payment_gateway?target_session_attrs=read-write")
                 .arg(m_cluster.address(QStringLiteral("h1")),
                      m_cluster.address(QStringLiteral("h2")),
                      m_cluster.address(QStringLiteral("h3"))),
             QStringLiteral("TEST_MODE=true"),
             QStringLiteral("API_SECRET_HASH_KEY_FILE=") + m_cluster.runDir() +
                 QStringLiteral("/api-secret-hash.key"),
             gw::test::TestStack::buildDir() + QStringLiteral("/admin/gateway-admin"),
             QStringLiteral("check")},
            60'000);
        QVERIFY2(check.code == 0, qPrintable(check.output));
        const qint64 checked = took.elapsed();
        verifyWebhooks();
        qInfo("fleet: the money checked in %.1f s (every payment final after %.1f s, "
              "gateway-admin check done after %.1f s)",
              double(took.elapsed()) / 1000, double(final) / 1000, double(checked) / 1000);
    }

    void verifyWebhooks()
    {
        QVERIFY2(test::eventually(
                     [&] {
                         return sql(QStringLiteral("SELECT count(*) FROM webhook_logs WHERE "
                                                   "status <> 'success'")) == QStringLiteral("0");
                     },
                     90'000),
                 "webhook deliveries left undone");
        QSet<QString> received;
        // Per payment, the envelope timestamps of its events by their place in its life.
        QHash<QString, QList<QPair<int, qint64>>> lives;
        int duplicates = 0;
        for (const auto &r : std::as_const(m_receiver.requests)) {
            const QByteArray signature =
                QMessageAuthenticationCode::hash(r.body, kWebhookSecret, QCryptographicHash::Sha256)
                    .toHex();
            QVERIFY2(r.headers.value("x-webhook-signature") == signature, r.body.constData());
            const QJsonObject e = QJsonDocument::fromJson(r.body).object();
            const QString id = e.value(QStringLiteral("id")).toString();
            if (received.contains(id)) {
                ++duplicates;
                continue;
            }
            received.insert(id);
            const QString event = e.value(QStringLiteral("event")).toString();
            const int place = event == QStringLiteral("payment.created")   ? 0
                              : event == QStringLiteral("payment.pending") ? 1
                                                                           : 2;
            const QString payment = e.value(QStringLiteral("data"))
                                        .toObject()
                                        .value(QStringLiteral("payment"))
                                        .toObject()
                                        .value(QStringLiteral("id"))
                                        .toString();
            lives[payment].append({place, qint64(e.value(QStringLiteral("timestamp")).toDouble())});
        }
        for (const QString &id :
             sql(QStringLiteral("SELECT payload::jsonb->>'id' FROM webhook_logs"))
                 .split(u'\n', Qt::SkipEmptyParts))
            QVERIFY2(received.contains(id), qPrintable(id + QStringLiteral(" never arrived")));
        for (auto it = lives.cbegin(); it != lives.cend(); ++it)
            for (const auto &a : it.value())
                for (const auto &b : it.value())
                    QVERIFY2(a.first >= b.first || a.second <= b.second,
                             qPrintable(it.key() + QStringLiteral(": events out of order")));
        qInfo("fleet: %lld events delivered, %d of them delivered again (at least once)",
              qint64(received.size()), duplicates);
    }

    // One call of the console's own HTTP client, waited for: `send(context, done)` makes it.
    template <typename Send> console::ApiResponse consoleCall(Send send)
    {
        std::optional<console::ApiResponse> answer;
        QObject context;
        send(&context, [&](const console::ApiResponse &r) { answer = r; });
        test::eventually([&] { return answer.has_value(); }, 30'000);
        return answer.value_or(console::ApiResponse{});
    }

    // What an operator does in the console, through HAProxy's API URL (docs/operations.md): the
    // payments and the webhook deliveries listed, a refund of a successful payment, a delivery
    // sent again by hand. The console's real client (HttpApiClient), not the pages' fake.
    void consoleWorks()
    {
        namespace api = console::api;
        namespace f = console::api::field;
        console::HttpApiClient client;
        client.setConnection(QUrl(m_cluster.apiUrl()), QStringLiteral("key_test_abc123"),
                             QStringLiteral("secret_test_xyz789"));
        const console::ApiResponse listed = consoleCall([&](QObject *c, auto done) {
            client.get(api::payments(), QUrlQuery{{f::limit, QStringLiteral("5")}}, c, done);
        });
        QVERIFY2(listed.ok() && !listed.rows().isEmpty(), qPrintable(listed.errorDescription));
        console::ApiResponse paid; // a payment to refund: one the workers completed
        QVERIFY2(test::eventually(
                     [&] {
                         paid = consoleCall([&](QObject *c, auto done) {
                             client.get(api::payments(),
                                        QUrlQuery{{f::status, f::success},
                                                  {f::limit, QStringLiteral("5")}},
                                        c, done);
                         });
                         return !paid.ok() || !paid.rows().isEmpty();
                     },
                     30'000),
                 "no successful payment listed");
        QVERIFY2(paid.ok(), qPrintable(paid.errorDescription));
        const QString payment = paid.rows().first().toObject().value(f::id).toString();
        const console::ApiResponse refund = consoleCall([&](QObject *c, auto done) {
            client.post(api::paymentRefunds(payment),
                        {{f::amount, 100}, {f::reason, QStringLiteral("console via HAProxy")}}, c,
                        done);
        });
        QVERIFY2(refund.status == 201, qPrintable(refund.errorDescription));
        const console::ApiResponse deliveries = consoleCall([&](QObject *c, auto done) {
            client.get(api::webhooks(), QUrlQuery{{f::limit, QStringLiteral("5")}}, c, done);
        });
        QVERIFY2(deliveries.ok() && !deliveries.rows().isEmpty(),
                 qPrintable(deliveries.errorDescription));
        const QString delivery = deliveries.rows().first().toObject().value(f::id).toString();
        const console::ApiResponse retry = consoleCall(
            [&](QObject *c, auto done) { client.post(api::webhookRetry(delivery), {}, c, done); });
        QVERIFY2(retry.ok() && retry.body.value(f::status).toString() == f::pending,
                 qPrintable(retry.errorDescription));
        const console::ApiResponse detail = consoleCall(
            [&](QObject *c, auto done) { client.get(api::webhook(delivery), {}, c, done); });
        QVERIFY2(detail.ok() && detail.body.value(f::id).toString() == delivery,
                 qPrintable(detail.errorDescription));
    }

    // A killed host's processes started again, in the background: the suite checks the money
    // meanwhile. rejoined() waits for it: PostgreSQL streams again, its Sentinel knows the
    // master, HAProxy sends to it again.
    std::unique_ptr<QProcess> startAgain(const QString &host) const
    {
        return m_cluster.begin({QStringLiteral("start"), host});
    }
    void rejoined(const QString &host, QProcess &start)
    {
        const test::ScriptRun r = test::ClusterScript::finish(start);
        QVERIFY2(r.code == 0, qPrintable(r.output));
        QVERIFY2(
            test::eventually(
                [&] {
                    const QJsonObject h = hostStatus(host);
                    const QString pg = h.value(QStringLiteral("postgres")).toString();
                    return pg.endsWith(QStringLiteral("/running")) &&
                           !pg.startsWith(QStringLiteral("leader")) &&
                           !h.value(QStringLiteral("sentinel_sees_master")).toString().isEmpty();
                },
                90'000),
            QJsonDocument(hostStatus(host)).toJson().constData());
        QVERIFY2(test::eventually([&] { return serving(host); }, 30'000),
                 qPrintable(host + QStringLiteral(" not back in HAProxy")));
    }

    // The load flows: `n` more payments answered 201 than when called.
    static bool flows(const test::PaymentLoad &load, int n = 20)
    {
        const qsizetype target = load.payments().size() + n;
        return test::eventually([&] { return load.payments().size() >= target; }, 60'000);
    }
    // Payments complete again after `at`: one created after it has its outcome.
    bool completesAfter(qint64 at)
    {
        return test::eventually(
            [&] {
                return sql(QStringLiteral("SELECT count(*) > 0 FROM payments WHERE status <> "
                                          "'pending' AND created_at >= to_timestamp(%1 / 1000.0)")
                               .arg(at)) == QStringLiteral("t");
            },
            60'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("the cluster suite needs root (it makes network namespaces); run as root");
        // A namespace made and entered, as `up` does (a chroot or a container may not allow it).
        const test::ScriptRun probe = m_cluster({QStringLiteral("probe")}, 10'000);
        if (probe.code != 0)
            QSKIP(qPrintable(probe.output.trimmed()));
        // A killed host's claimed jobs come back after the visibility time-out, jobs a lost
        // Redis master held after the sweep's age, and the deliveries its worker had claimed
        // after their lease: 5, 5 and 10 s here instead of 30, 30 and 60 (the issue promises
        // "within the visibility time-out"; the suite need not wait the defaults).
        m_cluster.setGatewayEnvironment({QStringLiteral("WORKER_VISIBILITY_TIMEOUT_MS=5000"),
                                         QStringLiteral("WORKER_SWEEP_AFTER_S=5"),
                                         QStringLiteral("WEBHOOK_LEASE_S=10")});
        const test::ScriptRun up = m_cluster.up(QStringLiteral("gwf"), 40);
        QVERIFY2(up.code == 0, qPrintable(up.output));
        QVERIFY(m_receiver.listen(QHostAddress(m_cluster.rootAddress())));
        test::HttpClient api(m_cluster.apiUrl());
        const auto set = api.put(QStringLiteral("/api/v1/webhooks/config"),
                                 {{QStringLiteral("url"), m_receiver.url()}});
        QVERIFY2(set.status == 200, set.body.constData());
        for (const QString &h : test::ClusterScript::hosts())
            QVERIFY2(test::eventually([&] { return serving(h); }, 30'000), qPrintable(h));
    }

    void cleanupTestCase() { m_cluster.down(); }

    void apiHostKilled()
    {
        const QString victim = QStringLiteral("h2");
        test::PaymentLoad load(m_cluster.apiUrl(), kClients);
        load.start();
        QVERIFY(flows(load));
        QCOMPARE(m_cluster({QStringLiteral("kill"), victim, QStringLiteral("server")}).code, 0);
        const qint64 fault = load.now();
        QVERIFY(test::eventually([&] { return out(victim); }, 30'000));
        qInfo("fleet: HAProxy took %s's killed gateway-server out after %.1f s", qPrintable(victim),
              double(load.now() - fault) / 1000);
        consoleWorks(); // an operator at work while the host is down
        QVERIFY(flows(load));
        load.stop();
        report("an API host's gateway-server killed", load, fault);
        QCOMPARE(load.failedBetween(fault, kEnd), 0);
        const test::ScriptRun r =
            m_cluster({QStringLiteral("restart"), victim, QStringLiteral("server")});
        QVERIFY2(r.code == 0, qPrintable(r.output));
        QVERIFY(test::eventually([&] { return serving(victim); }, 30'000));
        verifyMoney(load);
    }

    void rollingRestart()
    {
        test::PaymentLoad load(m_cluster.apiUrl(), kClients);
        load.start();
        QVERIFY(flows(load));
        const qint64 began = load.now();
        for (const QString &h : test::ClusterScript::hosts()) {
            for (const QString &p : {QStringLiteral("server"), QStringLiteral("worker")}) {
                const test::ScriptRun r = m_cluster({QStringLiteral("restart"), h, p});
                QVERIFY2(r.code == 0, qPrintable(r.output));
            }
            QVERIFY(test::eventually([&] { return serving(h); }, 30'000));
        }
        QVERIFY(flows(load));
        load.stop();
        report("rolling restart of every gateway-server and gateway-worker", load, began);
        QCOMPARE(load.failedBetween(began, kEnd), 0);
        verifyMoney(load);
    }

    void redisMasterFrozen()
    {
        const QString victim = redisMaster();
        QVERIFY(!victim.isEmpty());
        test::PaymentLoad load(m_cluster.apiUrl(), kClients);
        load.start();
        QVERIFY(flows(load));
        QCOMPARE(m_cluster({QStringLiteral("freeze"), victim, QStringLiteral("redis")}).code, 0);
        const qint64 fault = load.now();
        // The Sentinels replace it meanwhile; the 20 s are the issue's, not a wait for that.
        QTest::qWait(20'000);
        QCOMPARE(m_cluster({QStringLiteral("thaw"), victim, QStringLiteral("redis")}).code, 0);
        QVERIFY(flows(load));
        load.stop();
        report("the Redis master frozen 20 s", load, fault);
        QVERIFY2(test::eventually([&] { return redisMasterMovedFrom(victim); }, 30'000),
                 "the Sentinels kept the frozen master");
        verifyMoney(load);
    }

    void redisMasterHostKilled_data()
    {
        QTest::addColumn<int>("delayMs");
        for (int i = 0; i < 3; ++i)
            QTest::addRow("run %d", i + 1) << 200 + int(QRandomGenerator::global()->bounded(2000));
    }
    // Each run in the case where it costs most: the host holds PostgreSQL's primary too, so
    // Patroni's failover and the Sentinels' happen at once.
    void redisMasterHostKilled()
    {
        QFETCH(int, delayMs);
        QVERIFY(colocateRedisMasterWithPrimary());
        for (const QString &h : test::ClusterScript::hosts()) // every server on the new master
            QVERIFY2(test::eventually([&] { return serving(h); }, 30'000), qPrintable(h));
        const QString victim = redisMaster();
        QVERIFY(!victim.isEmpty());
        const QJsonObject before = status();
        const QMap<QString, qint64> workers = workerPids(before);
        const QByteArray what =
            "the Redis master's host killed (its PostgreSQL: " +
            hostStatus(victim, before).value(QStringLiteral("postgres")).toString().toUtf8() + ")";
        // The servers hold a write for up to DB_FAILOVER_WAIT_MS (10 s) while no primary is
        // known, then run it: these clients wait past that bound rather than give up first and
        // count their own impatience (the report says how many took over 5 s).
        test::PaymentLoad load(m_cluster.apiUrl(), kClients, 20'000);
        const qint64 moved = test::PaymentLoad::now();
        load.start();
        QVERIFY(flows(load, 1));
        // The host dies under a settled cluster, not in the middle of the move: a payment
        // created since has completed (the workers took its job from the new master).
        QVERIFY2(completesAfter(moved), "no payment created after the move completed");
        QTest::qWait(delayMs); // a random moment of the load
        QCOMPARE(m_cluster({QStringLiteral("kill"), victim}).code, 0);
        const qint64 fault = load.now();
        // Until the API answers again and payments created after the kill complete (the
        // workers on the other hosts found the new master).
        QVERIFY2(test::eventually([&] { return load.firstSuccessAfter(fault) > 0; }, 60'000),
                 "no 2xx after the kill");
        QVERIFY2(completesAfter(fault), "no payment created after the kill completed");
        QVERIFY(flows(load));
        load.stop();
        report(what.constData(), load, fault);
        QVERIFY2(test::eventually([&] { return redisMasterMovedFrom(victim); }, 30'000),
                 "no new Redis master");
        // The other hosts' workers went on: the same processes, running.
        const QMap<QString, qint64> after = workerPids(status());
        for (const QString &h : test::ClusterScript::hosts())
            if (h != victim)
                QVERIFY2(after.value(h) == workers.value(h) && after.value(h) > 0,
                         qPrintable(h + QStringLiteral("'s worker was restarted or is gone")));
        const auto back = startAgain(victim);
        verifyMoney(load);
        rejoined(victim, *back);
    }

    void wholeHostKilled()
    {
        const QString db = primary(), redis = redisMaster();
        QString victim;
        for (const QString &h : test::ClusterScript::hosts())
            if (h != db && h != redis)
                victim = h;
        if (victim.isEmpty())
            victim = db == QStringLiteral("h3") ? QStringLiteral("h2") : QStringLiteral("h3");
        test::PaymentLoad load(m_cluster.apiUrl(), kClients);
        load.start();
        QVERIFY(flows(load));
        QCOMPARE(m_cluster({QStringLiteral("kill"), victim}).code, 0);
        const qint64 fault = load.now();
        QVERIFY(test::eventually([&] { return out(victim); }, 30'000));
        QVERIFY2(completesAfter(fault), "no payment created after the kill completed");
        QVERIFY(flows(load));
        load.stop();
        report("a whole host killed (neither primary nor Redis master)", load, fault);
        const auto back = startAgain(victim);
        verifyMoney(load);
        rejoined(victim, *back);
    }
};

QTEST_GUILESS_MAIN(TestFleet)
#include "tst_fleet.moc"
