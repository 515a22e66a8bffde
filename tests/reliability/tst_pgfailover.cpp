// The data layer follows the primary (issue 25). PostgreSQL frozen (SIGSTOP): /health answers
// at once that it is degraded, requests that reach the database are answered 503 once the
// statement time-out has passed (never a hang, never a 500), and everything works again after
// SIGCONT; a client retrying with its Idempotency-Key gets exactly one payment. A multi-host
// DATABASE_URL whose first host is dead connects to the live one, and a primary that turns
// read-only is left for the standby promoted in its place. The suite runs a PostgreSQL of its
// own (it freezes it) and makes a real standby of it with pg_basebackup.
// Test tables read better with plain string literals than with QStringLiteral on every cell.
#undef QT_NO_CAST_FROM_ASCII
#include "store/connection.h"
#include "store/paymentbatch.h"
#include "store/sql.h"
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/teststack.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace gw;

namespace {
constexpr int kOrders = 200;
// Short limits, so that the suite does not wait long for them to pass.
const QMap<QString, QString> kLimits{{"DB_STATEMENT_TIMEOUT_MS", "1000"},
                                     {"DB_LOCK_TIMEOUT_MS", "1000"},
                                     {"DB_CONNECT_TIMEOUT_S", "1"}};

QString orderId(int n)
{
    return QStringLiteral("order_%1").arg(n, 16, 10, QLatin1Char('0'));
}

QJsonObject createBody(int order)
{
    return {{"order_id", orderId(order)}, {"method", "upi"}, {"vpa", "failover@okbank"}};
}

test::Headers withKey(const QByteArray &key)
{
    return {{"Idempotency-Key", key}};
}

// A loopback port nobody listens on.
quint16 deadPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Creates sent at once (so that they meet in the writers' batches), each for its own order and
// on a connection of its own (a QNetworkAccessManager, a child of `nam`, opens at most six to a
// server, and the others would queue behind creates kept waiting); `keys` the Idempotency-Keys,
// empty for none.
struct Sent
{
    int order;
    QByteArray key;
    QNetworkReply *reply;
};
QList<Sent> sendCreates(QNetworkAccessManager &nam, const QString &base, const QList<int> &orders,
                        const QList<QByteArray> &keys)
{
    QList<Sent> sent;
    for (qsizetype i = 0; i < orders.size(); ++i) {
        QNetworkRequest r(QUrl(base + "/api/v1/payments"));
        r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        r.setRawHeader("X-Api-Key", test::HttpClient::kTestKey);
        r.setRawHeader("X-Api-Secret", test::HttpClient::kTestSecret);
        if (!keys.value(i).isEmpty())
            r.setRawHeader("Idempotency-Key", keys.value(i));
        sent << Sent{
            orders[i], keys.value(i),
            (new QNetworkAccessManager(&nam))
                ->post(r, QJsonDocument(createBody(orders[i])).toJson(QJsonDocument::Compact))};
    }
    return sent;
}

QString runAsPostgres(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (::geteuid() == 0)
        p.start(QStringLiteral("runuser"), QStringList{"-u", "postgres", "--", program} + args);
    else
        p.start(program, args);
    p.waitForFinished(120000);
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0
               ? QString()
               : program + QStringLiteral(" failed: ") + QString::fromUtf8(p.readAll());
}

QString services(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(test::TestStack::sourceDir() + QStringLiteral("/scripts/services"), args);
    p.waitForFinished(120000);
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0
               ? QString()
               : QStringLiteral("services failed: ") + QString::fromUtf8(p.readAll());
}

QString pgBin()
{
    QProcess p;
    p.start(QStringLiteral("sh"), {"-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"});
    p.waitForFinished();
    return QString::fromUtf8(p.readAll()).trimmed();
}
} // namespace

class TestPgFailover : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;
    test::RunningService m_server;

    // The first column of `statement`'s rows on the server at `port` (the test database).
    QStringList sqlOn(quint16 port, const QString &statement)
    {
        DatabaseParams p = m_stack.database();
        p.port = port;
        store::Connection c(p, QStringLiteral("test-sql"));
        auto q = store::exec(c, statement);
        if (!q)
            return {QStringLiteral("ERROR: ") + q.error().description};
        QStringList rows;
        while (q->isSelect() && q->next())
            rows << q->value(0).toString();
        return rows;
    }

    QString paymentsOf(int order, quint16 port = 0)
    {
        const QString sql = QStringLiteral("SELECT count(*) FROM payments WHERE order_id = '%1'")
                                .arg(orderId(order));
        return (port ? sqlOn(port, sql) : m_stack.sql(sql)).value(0);
    }

    // A real standby of the suite's PostgreSQL (pg_basebackup into `dir`/standby), started on
    // a port of its own, which is returned (0 when it could not be made; pg-stop it after).
    quint16 startStandby(const QTemporaryDir &dir)
    {
        QFile::setPermissions(dir.path(), QFile::permissions(dir.path()) | QFile::ReadOther |
                                              QFile::ExeOther | QFile::WriteOther);
        const QString data = dir.filePath("standby");
        // A fast checkpoint: the default spread one paces its writes over checkpoint_timeout and
        // kept the backup waiting ~110 s for the suite's few dirty pages.
        const QString made =
            runAsPostgres(pgBin() + "/pg_basebackup",
                          {"-h", "127.0.0.1", "-p", QString::number(m_stack.admin().port), "-U",
                           "postgres", "-D", data, "-R", "-X", "stream", "--checkpoint=fast"});
        const quint16 port = deadPort();
        const QString started =
            made.isEmpty() ? services({"pg-start", data, QString::number(port), "fsync=off"})
                           : made;
        if (!started.isEmpty())
            qWarning("%s", qPrintable(started));
        return started.isEmpty() ? port : 0;
    }

    QString multiHostUrl(const QList<quint16> &ports) const
    {
        QStringList hosts;
        for (quint16 port : ports)
            hosts << QStringLiteral("127.0.0.1:%1").arg(port);
        return QStringLiteral("postgresql://%1@%2/%3")
            .arg(m_stack.database().user, hosts.join(u','), m_stack.database().database);
    }

    // The suite's PostgreSQL and a real standby of it (standby: 0 when it could not be made).
    // On leaving, the primary takes writes again (a case may make it read-only) and the
    // standby stops.
    struct WithStandby
    {
        TestPgFailover &test;
        QTemporaryDir dir;
        quint16 primary;
        quint16 standby;
        explicit WithStandby(TestPgFailover &t)
            : test(t), primary(t.m_stack.admin().port), standby(t.startStandby(dir))
        {
        }
        ~WithStandby()
        {
            test.m_stack.adminSql("ALTER SYSTEM RESET default_transaction_read_only");
            test.m_stack.adminSql("SELECT pg_reload_conf()");
            services({"pg-stop", dir.filePath("standby")});
        }
        // The server's settings, with both in its DATABASE_URL.
        QMap<QString, QString> env() const
        {
            QMap<QString, QString> e = kLimits;
            e.insert("DATABASE_URL", test.multiHostUrl({primary, standby}));
            return e;
        }
    };

    // The commit outcome lost: the primary waits for a synchronous standby that never comes
    // (synchronous_standby_names names none), so each commit is written locally but not yet
    // answered, as in a failover during COMMIT; then `end` (pg_terminate_backend: the session
    // dies without an answer; pg_cancel_backend: the COMMIT reports success with PostgreSQL's
    // WARNING that it committed locally only) is applied to every session waiting for the
    // standby, the writers' lookups included, for a few seconds. Nothing is answered 201 while
    // the commits stand on one server only, and a keyed retry then is not replayed either (its
    // replay's commit waits for the standby too). Once the standby is not needed any more, the
    // writers' lookups find their batches and answer 201 with what was written, every keyed
    // create answered 503 is replayed by its retry, and nothing is written twice.
    void lostCommitOutcome(const QString &end, int firstOrder)
    {
        const QString db = m_stack.database().database;
        QCOMPARE(m_stack.adminSql("ALTER SYSTEM SET synchronous_standby_names = 'nobody'"),
                 QString());
        QCOMPARE(m_stack.adminSql("SELECT pg_reload_conf()"), QString());
        auto asynchronous = qScopeGuard([this] {
            m_stack.adminSql("ALTER SYSTEM RESET synchronous_standby_names");
            m_stack.adminSql("SELECT pg_reload_conf()");
        });

        // A statement deadline longer than the standby is missing here, so that the writers'
        // lookups are still trying when it is not needed any more.
        auto server = m_stack.startServer({{"DB_STATEMENT_TIMEOUT_MS", "15000"}});
        QVERIFY2(server.port, qPrintable(server.process->output()));
        QNetworkAccessManager nam;
        QList<int> orders;
        QList<QByteArray> keys;
        for (int order = firstOrder; order < firstOrder + 30; ++order) {
            orders << order;
            keys << (order >= firstOrder + 25 ? "lost-" + QByteArray::number(order) : QByteArray());
        }
        const QList<Sent> sent = sendCreates(nam, server.baseUrl(), orders, keys);
        int ended = 0;
        const auto endWaiting = [&] {
            ended += int(m_stack
                             .sql(QStringLiteral("SELECT %1(pid) FROM pg_stat_activity"
                                                 " WHERE datname = '%2' AND wait_event = 'SyncRep'")
                                      .arg(end, db))
                             .size());
        };
        const auto status = [](QNetworkReply *r) {
            return r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        };
        const auto noneCreated = [&](const QList<Sent> &replies) {
            return std::none_of(replies.begin(), replies.end(), [&](const Sent &s) {
                return s.reply->isFinished() && status(s.reply) == 201;
            });
        };
        // Until the keyed creates are answered (their COMMIT ended), and 3 s at least.
        bool early201 = false; // a 201 while the commits stood on this server alone
        QElapsedTimer phase;
        phase.start();
        const bool keyedAnswered = test::eventually(
            [&] {
                endWaiting();
                early201 = early201 || !noneCreated(sent);
                return phase.elapsed() > 3000 &&
                       std::all_of(sent.begin(), sent.end(), [](const Sent &s) {
                           return s.key.isEmpty() || s.reply->isFinished();
                       });
            },
            12000);
        QVERIFY2(keyedAnswered, qPrintable(server.process->output()));
        QVERIFY(!early201);
        QVERIFY(ended > 0);
        // Each keyed create's retry now: its answer is stored, on this server alone.
        const QList<Sent> early = sendCreates(nam, server.baseUrl(), orders.mid(25), keys.mid(25));
        phase.restart();
        QVERIFY(test::eventually(
            [&] {
                endWaiting();
                early201 = early201 || !noneCreated(sent + early);
                return phase.elapsed() > 1000 &&
                       std::all_of(early.begin(), early.end(),
                                   [](const Sent &s) { return s.reply->isFinished(); });
            },
            8000));
        QVERIFY(!early201);
        for (const Sent &s : early) {
            QCOMPARE(status(s.reply), 503);
            s.reply->deleteLater();
        }

        asynchronous.dismiss();
        QCOMPARE(m_stack.adminSql("ALTER SYSTEM RESET synchronous_standby_names"), QString());
        QCOMPARE(m_stack.adminSql("SELECT pg_reload_conf()"), QString());
        QVERIFY(test::eventually(
            [&] {
                return std::all_of(sent.begin(), sent.end(),
                                   [](const Sent &s) { return s.reply->isFinished(); });
            },
            30000));

        int created = 0;
        for (const Sent &s : sent) {
            const QJsonObject body = QJsonDocument::fromJson(s.reply->readAll()).object();
            s.reply->deleteLater();
            const QString order = orderId(s.order);
            if (s.key.isEmpty()) {
                // Committed locally before its session's end: found and answered 201.
                QCOMPARE(status(s.reply), 201);
                ++created;
                // What was answered is what was written.
                const QString id = body.value("id").toString();
                QCOMPARE(body.value("order_id").toString(), order);
                QCOMPARE(body.value("status").toString(), "pending");
                QCOMPARE(
                    m_stack.sql("SELECT order_id || ' ' || amount FROM payments WHERE id = '" + id +
                                "'"),
                    QStringList{order + " " + QString::number(body.value("amount").toInteger())});
                QCOMPARE(paymentsOf(s.order), "1");
                QCOMPARE(m_stack.sql("SELECT count(*) FROM jobs WHERE subject_id = '" + id + "'"),
                         QStringList{"1"});
            } else {
                // The keyed ones lost their COMMIT's answer: 503.
                QCOMPARE(status(s.reply), 503);
            }
        }
        QCOMPARE(created, 25);
        // Each keyed create's retry answers the one payment there is.
        test::HttpClient client(server.baseUrl());
        for (const Sent &s : sent) {
            if (s.key.isEmpty())
                continue;
            test::HttpResponse retried;
            QVERIFY(test::eventually(
                [&] {
                    retried = client.post("/api/v1/payments", createBody(s.order), withKey(s.key));
                    return retried.status != 503;
                },
                15000));
            QCOMPARE(retried.status, 201);
            QCOMPARE(paymentsOf(s.order), "1");
        }
        server.process->terminate();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_stack.useOwnPostgres();
        QCOMPARE(m_stack.start(), QString());
        m_server = m_stack.startServer(kLimits);
        QVERIFY2(m_server.port, qPrintable(m_server.process->output()));
        m_stack.sql(QStringLiteral("INSERT INTO orders (id, merchant_id, amount) SELECT 'order_' "
                                   "|| lpad(g::text, 16, '0'), "
                                   "'550e8400-e29b-41d4-a716-446655440000', 50000 FROM "
                                   "generate_series(1, %1) g")
                        .arg(kOrders));
    }

    void cleanupTestCase() { m_stack.stop(); }

    // Run first: the other slots change the PostgreSQL they run on.
    void lostCommitOutcomeIsLookedUp() { lostCommitOutcome("pg_terminate_backend", 101); }
    void committedLocallyOnlyIsNoSuccess() { lostCommitOutcome("pg_cancel_backend", 131); }

    // A batch whose outcome was lost, looked up (PaymentBatch::written): a create written is its
    // payment as written; one not written because its order has another create's live payment
    // (the index's refusal) is that 400, naming the payment; its order paid, 400; its order
    // missing, 404; one not written that nothing would have refused, 503 (outcome unknown, the
    // client retries).
    void lostOutcomeLookupTellsWrittenFromRefused()
    {
        store::Connection db(m_stack.database(), QStringLiteral("test-lookup"));
        Merchant merchant;
        merchant.id = "550e8400-e29b-41d4-a716-446655440000";
        const auto draft = [&](const QString &order) {
            CreatePaymentRequest r;
            r.orderId = order;
            r.method = PaymentMethod::Upi;
            r.vpa = "lookup@okbank";
            return store::PaymentBatch::draft(merchant, r).value();
        };
        const store::PaymentDraft written = draft(orderId(171)), live = draft(orderId(172)),
                                  refused = draft(orderId(172)), notWritten = draft(orderId(173)),
                                  missing = draft("order_missing"), paid = draft(orderId(174));
        auto inserted = store::PaymentBatch(db).insert({&written, &live});
        QVERIFY(inserted && inserted->size() == 2 && inserted->at(0) && inserted->at(1));
        m_stack.sql("UPDATE orders SET status = 'paid' WHERE id = '" + orderId(174) + "'");

        auto found =
            store::PaymentBatch(db).written({&written, &refused, &notWritten, &missing, &paid});
        QVERIFY(found);
        QCOMPARE(found->size(), 5);
        QVERIFY(found->at(0));
        QCOMPARE(found->at(0)->json, inserted->at(0)->json);
        QCOMPARE(found->at(0)->jobs.size(), inserted->at(0)->jobs.size());
        QVERIFY(!found->at(1));
        QCOMPARE(found->at(1).error().code, ErrorCode::BadRequest);
        QCOMPARE(found->at(1).error().paymentId, live.paymentId);
        QVERIFY(!found->at(2));
        QCOMPARE(found->at(2).error().code, ErrorCode::ServiceUnavailable);
        QVERIFY(!found->at(3));
        QCOMPARE(found->at(3).error().code, ErrorCode::NotFound);
        QVERIFY(!found->at(4));
        QCOMPARE(found->at(4).error().code, ErrorCode::BadRequest);
        QCOMPARE(found->at(4).error().description, "Order already paid");
        QCOMPARE(paymentsOf(172), "1");
        QCOMPARE(paymentsOf(173), "0");
        // Paid without a payment only for this lookup (the money's check at the end).
        m_stack.sql("UPDATE orders SET status = 'created' WHERE id = '" + orderId(174) + "'");
    }

    void frozenDatabaseIsDegradedAnd503ThenRecovers()
    {
        test::HttpClient client(m_server.baseUrl());
        QCOMPARE(client.post("/api/v1/payments", createBody(1)).status, 201);
        QCOMPARE(client.get("/health").json().value("database").toString(), "connected");

        QVERIFY(m_stack.signalPostgres(SIGSTOP));
        auto thaw = qScopeGuard([this] { m_stack.signalPostgres(SIGCONT); });
        // The watch notices within kSlowMs; from then on /health answers from memory.
        QVERIFY(test::eventually(
            [&] {
                return client.get("/health").json().value("database").toString() == "disconnected";
            },
            10000));
        QElapsedTimer took;
        took.start();
        const auto health = client.get("/health");
        qInfo("/health with PostgreSQL frozen: %lld ms", took.elapsed());
        QCOMPARE(health.status, 503);
        QCOMPARE(health.json().value("status").toString(), "degraded");
        const QString reasons =
            QString::fromUtf8(QJsonDocument(health.json().value("reasons").toArray()).toJson());
        QVERIFY2(reasons.contains("PostgreSQL"), qPrintable(reasons));

        // A keyed create, an unkeyed one (through the group commit) and a read: each is given up
        // on after the statement time-out and answered 503, while PostgreSQL stays frozen.
        took.restart();
        const auto keyed = client.post("/api/v1/payments", createBody(2), withKey("freeze-2"));
        qInfo("keyed create with PostgreSQL frozen: %d in %lld ms", keyed.status, took.elapsed());
        QCOMPARE(keyed.status, 503);
        QCOMPARE(keyed.errorCode(), "SERVICE_UNAVAILABLE");
        const auto grouped = client.post("/api/v1/payments", createBody(3));
        QCOMPARE(grouped.status, 503);
        const auto read = client.get("/api/v1/payments");
        QCOMPARE(read.status, 503);
        QVERIFY(m_server.process->isRunning());

        thaw.dismiss();
        QVERIFY(m_stack.signalPostgres(SIGCONT));
        QVERIFY(test::eventually(
            [&] {
                return client.get("/health").json().value("database").toString() == "connected";
            },
            15000));
        // The retry with the key creates the payment once; a second retry replays it.
        test::HttpResponse retried;
        QVERIFY(test::eventually(
            [&] {
                retried = client.post("/api/v1/payments", createBody(2), withKey("freeze-2"));
                return retried.status != 503;
            },
            15000));
        QCOMPARE(retried.status, 201);
        const auto replayed = client.post("/api/v1/payments", createBody(2), withKey("freeze-2"));
        QCOMPARE(replayed.status, 201);
        QCOMPARE(replayed.json().value("id"), retried.json().value("id"));
        QCOMPARE(paymentsOf(2), "1");
        QVERIFY(test::eventually(
            [&] { return client.post("/api/v1/payments", createBody(3)).status == 201; }, 15000));
        QCOMPARE(paymentsOf(3), "1");
    }

    void firstHostDeadConnectsToTheLiveOne()
    {
        const quint16 live = m_stack.admin().port;
        auto server = m_stack.startServer(
            {{"DATABASE_URL", multiHostUrl({deadPort(), live})}, {"DB_CONNECT_TIMEOUT_S", "1"}});
        QVERIFY2(server.port, qPrintable(server.process->output()));
        test::HttpClient client(server.baseUrl());
        QCOMPARE(client.post("/api/v1/payments", createBody(4)).status, 201);
        QCOMPARE(client.post("/api/v1/payments", createBody(5), withKey("multi-5")).status, 201);
        QCOMPARE(client.get("/health").json().value("database").toString(), "connected");
        QCOMPARE(paymentsOf(4), "1");
        QCOMPARE(paymentsOf(5), "1");
        server.process->terminate();
    }

    // A real standby of the suite's PostgreSQL; the primary is made read-only and the standby
    // promoted, as an HA manager does (minus the restart): the gateway's sessions leave the
    // read-only server for the read-write one without a restart.
    void readOnlyPrimaryIsLeftForTheNewOne()
    {
        const WithStandby pair(*this);
        const quint16 standby = pair.standby;
        QVERIFY(standby);

        QMap<QString, QString> env = pair.env();
        auto server = m_stack.startServer(env);
        QVERIFY2(server.port, qPrintable(server.process->output()));
        test::HttpClient client(server.baseUrl());
        QCOMPARE(client.post("/api/v1/payments", createBody(6)).status, 201);
        QCOMPARE(client.post("/api/v1/payments", createBody(7), withKey("ro-7")).status, 201);

        QCOMPARE(m_stack.adminSql("ALTER SYSTEM SET default_transaction_read_only = on"),
                 QString());
        QCOMPARE(m_stack.adminSql("SELECT pg_reload_conf()"), QString());
        QCOMPARE(sqlOn(standby, "SELECT pg_promote()"), QStringList{"true"});

        // Writes come back on the promoted standby, without a restart; none is answered 500.
        int order = 8;
        QList<int> statuses;
        QVERIFY(test::eventually(
            [&] {
                const auto r = client.post("/api/v1/payments", createBody(order),
                                           withKey(QByteArray("ro-") + QByteArray::number(order)));
                statuses << r.status;
                if (r.status == 201)
                    return true;
                ++order;
                return false;
            },
            20000));
        for (int s : statuses)
            QVERIFY2(s == 201 || s == 503, qPrintable(QString::number(s)));
        QCOMPARE(paymentsOf(order, standby), "1");
        QCOMPARE(client.post("/api/v1/payments", createBody(order + 1)).status, 201);
        QCOMPARE(paymentsOf(order + 1, standby), "1");
        QVERIFY(test::eventually(
            [&] {
                return client.get("/health").json().value("database").toString() == "connected";
            },
            10000));
        // What was written before the failover is on the new primary too.
        QCOMPARE(paymentsOf(6, standby), "1");
        QCOMPARE(paymentsOf(7, standby), "1");
        server.process->terminate();
    }

    // With several hosts a request that finds no primary taking writes waits for the new one
    // (DB_FAILOVER_WAIT_MS) instead of failing: a keyed create sent while the primary is
    // read-only and the standby not yet promoted is answered once it is, 201, written once.
    void requestsWaitForTheNewPrimary()
    {
        const WithStandby pair(*this);
        const quint16 standby = pair.standby;
        QVERIFY(standby);
        QMap<QString, QString> env = pair.env();
        env.insert("DB_FAILOVER_WAIT_MS", "60000");
        auto server = m_stack.startServer(env);
        QVERIFY2(server.port, qPrintable(server.process->output()));
        test::HttpClient client(server.baseUrl());
        QCOMPARE(client.post("/api/v1/payments", createBody(190), withKey("wait-190")).status, 201);

        QCOMPARE(m_stack.adminSql("ALTER SYSTEM SET default_transaction_read_only = on"),
                 QString());
        QCOMPARE(m_stack.adminSql("SELECT pg_reload_conf()"), QString());
        QVERIFY(test::eventually(
            [&] {
                return client.get("/health").json().value("database").toString() == "disconnected";
            },
            10000));
        QNetworkAccessManager nam;
        const QList<Sent> create = sendCreates(nam, server.baseUrl(), {191}, {"wait-191"});
        QNetworkReply *reply = create.first().reply;
        // A window for it to reach the server and find no primary (before, a 503 at once).
        QTest::qWait(1000);
        QVERIFY2(!reply->isFinished(), reply->readAll().constData());
        QCOMPARE(sqlOn(standby, "SELECT pg_promote()"), QStringList{"true"});
        QVERIFY(test::eventually([&] { return reply->isFinished(); }, 60000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(paymentsOf(191, standby), "1");
        server.process->terminate();
    }
};

QTEST_GUILESS_MAIN(TestPgFailover)
#include "tst_pgfailover.moc"
