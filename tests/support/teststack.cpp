#include "support/teststack.h"

#include "core/ids.h"
#include "queue/redisclient.h"
#include "store/connection.h"
#include "store/migrator.h"
#include "store/moneychecks.h"
#include "store/sql.h"
#include "support/eventually.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace gw::test {

namespace {
QString runServices(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(TestStack::sourceDir() + QStringLiteral("/scripts/services"), args);
    p.waitForFinished(120000);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("services %1 failed: %2")
            .arg(args.join(u' '), QString::fromUtf8(p.readAll()));
    return {};
}

// A port the kernel just handed out and that nobody listens on.
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

TestStack::TestStack() : m_secretHashKey((ids::make(u"test-key-") + ids::make(u"")).toLatin1()) {}

QString TestStack::secretHash(const QString &secret) const
{
    return secrets::Hasher(m_secretHashKey).hash(secret);
}

TestStack::~TestStack()
{
    stop();
    if (m_moneyBroken) {
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(1);
    }
}

QString TestStack::pgStart(quint16 port)
{
    QFile::setPermissions(m_dir.path(),
                          QFile::permissions(m_dir.path()) | QFile::ReadOther | QFile::ExeOther);
    return runServices({QStringLiteral("pg-start"), m_dir.filePath(QStringLiteral("pg")),
                        QString::number(port), QStringLiteral("fsync=off")});
}

QString TestStack::startOwnPostgres()
{
    const quint16 port = freePort();
    if (auto e = pgStart(port); !e.isEmpty())
        return e;
    m_ownPostgres = true;
    m_admin.host = QStringLiteral("127.0.0.1");
    m_admin.port = port;
    m_admin.user = QStringLiteral("postgres");
    m_admin.database = QStringLiteral("postgres");
    return {};
}

namespace {
// A process's state and parent, from /proc/<pid>/stat: "pid (comm) state ppid …"; empty when
// it is gone.
QList<QByteArray> procStat(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = f.readAll();
    return line.mid(line.lastIndexOf(')') + 2).split(' ');
}
} // namespace

QList<pid_t> TestStack::postgresProcesses() const
{
    QFile pidFile(m_dir.filePath(QStringLiteral("pg/postmaster.pid")));
    if (!m_ownPostgres || !pidFile.open(QIODevice::ReadOnly))
        return {};
    const pid_t postmaster = pid_t(pidFile.readLine().trimmed().toLongLong());
    if (postmaster <= 0)
        return {};
    QList<pid_t> all{postmaster};
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        const QList<QByteArray> s = procStat(pid_t(pid.toLongLong()));
        if (s.size() > 1 && s[1].toLongLong() == postmaster)
            all << pid_t(pid.toLongLong());
    }
    return all;
}

bool TestStack::signalPostgres(int signal)
{
    const QList<pid_t> all = postgresProcesses();
    for (pid_t pid : all)
        ::kill(pid, signal);
    return !all.isEmpty();
}

bool TestStack::crashPostgres()
{
    const QList<pid_t> all = postgresProcesses();
    if (all.isEmpty())
        return false;
    for (pid_t pid : all)
        ::kill(pid, SIGKILL);
    // Gone, reaped too: a new postmaster refuses to start while the old one's pid exists.
    const auto dead = [](pid_t pid) { return procStat(pid).isEmpty(); };
    return eventually([&] { return std::all_of(all.begin(), all.end(), dead); }, 15000);
}

QString TestStack::restartPostgres()
{
    return m_ownPostgres ? pgStart(m_admin.port) : QStringLiteral("no PostgreSQL of its own");
}

QString TestStack::adminSql(const QString &statement)
{
    store::Connection admin(m_admin, QStringLiteral("test-admin"));
    auto r = store::exec(admin, statement);
    if (!r)
        return statement + QStringLiteral(": ") + r.error().description + QStringLiteral(" ") +
               admin.db().lastError().text();
    return {};
}

QString TestStack::start()
{
    const QString url = m_ownPostgresWanted ? QString() : qEnvironmentVariable("GW_TEST_PG_URL");
    if (url.isEmpty()) {
        if (auto e = startOwnPostgres(); !e.isEmpty())
            return e;
    } else {
        auto parsed = parseDatabaseUrl(url);
        if (!parsed)
            return QStringLiteral("GW_TEST_PG_URL: ") + parsed.error().description;
        m_admin = parsed.value();
    }
    m_db = m_admin;
    m_db.database = QStringLiteral("gw_") +
                    QFileInfo(QCoreApplication::applicationFilePath()).fileName().toLower() +
                    QLatin1Char('_') + ids::make(u"").left(8).toLower();
    if (auto e = adminSql(QStringLiteral("CREATE DATABASE \"%1\"").arg(m_db.database));
        !e.isEmpty())
        return e;
    {
        store::Connection c(m_db, QStringLiteral("test-migrate"));
        auto applied = store::Migrator(c, secrets::Hasher(m_secretHashKey)).migrate();
        if (!applied)
            return QStringLiteral("migrations: ") + applied.error().description;
    }
    m_redis.host = QStringLiteral("127.0.0.1");
    m_redis.port = freePort(); // kept across stopRedis()/startRedis()
    if (!startRedis()) {
        std::fprintf(stderr, "%s\n", qPrintable(m_redisProcess->output()));
        return QStringLiteral("redis-server did not start: ") + m_redisProcess->output().right(400);
    }
    return {};
}

void TestStack::checkMoney()
{
    QString broken;
    {
        // The check reads every row of the suite's database, 60,000 of them after tst_worker's
        // plan case: on a busy machine that can outlast the 5 s statement time-out the product's
        // requests get, which is no part of what it checks.
        DatabaseParams patient = m_db;
        patient.statementTimeoutMs = 120'000;
        store::Connection c(patient, QStringLiteral("test-money-check"));
        // Statistics first, as autovacuum soon has them on a live database: a suite's rows are
        // fresh, and without them the planner joins thousands of events by nested loops.
        auto analyzed = store::exec(c, QStringLiteral("ANALYZE"));
        const auto found = analyzed ? store::MoneyChecks(c).run()
                                    : Result<QList<store::Violation>>(analyzed.error());
        if (!found)
            broken = QStringLiteral("\n  they could not be checked: ") + found.error().description;
        else
            for (const store::Violation &v : found.value())
                broken += QStringLiteral("\n  %1: %2: %3").arg(v.invariant, v.subject, v.detail);
    }
    if (broken.isEmpty()) {
        qInfo("the money's %d invariants hold on %s", int(store::MoneyChecks::invariants().size()),
              qPrintable(m_db.database));
        return;
    }
    broken.prepend(QStringLiteral("the money's invariants are broken on %1:").arg(m_db.database));
    if (QTest::currentTestFunction()) {
        QTest::qFail(qPrintable(broken), __FILE__, __LINE__);
        return;
    }
    std::fprintf(stderr, "FAIL!  : %s\n", qPrintable(broken));
    m_moneyBroken = true;
}

void TestStack::stop()
{
    if (m_redisProcess)
        m_redisProcess->kill9();
    m_redisProcess.reset();
    if (!m_db.database.isEmpty() && m_db.database != m_admin.database) {
        checkMoney();
        adminSql(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_db.database));
        m_db.database.clear();
    }
    if (m_ownPostgres) {
        runServices({QStringLiteral("pg-stop"), m_dir.filePath(QStringLiteral("pg"))});
        m_ownPostgres = false;
    }
}

QString TestStack::databaseUrl() const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4")
        .arg(m_db.user, m_db.host)
        .arg(m_db.port)
        .arg(m_db.database);
}

QString TestStack::redisUrl() const
{
    return QStringLiteral("redis://%1:%2").arg(m_redis.host).arg(m_redis.port);
}

bool TestStack::startRedis()
{
    m_redisProcess = std::make_unique<ManagedProcess>();
    const QStringList args{QStringLiteral("--port"),       QString::number(m_redis.port),
                           QStringLiteral("--bind"),       QStringLiteral("127.0.0.1"),
                           QStringLiteral("--save"),       QString(),
                           QStringLiteral("--appendonly"), QStringLiteral("no"),
                           QStringLiteral("--dir"),        m_dir.path()};
    if (!m_redisProcess->start(QStringLiteral("redis-server"), args,
                               QProcessEnvironment::systemEnvironment()))
        return false;
    return !m_redisProcess
                ->waitForOutput(QRegularExpression(QStringLiteral("Ready to accept connections")))
                .isEmpty();
}

qint64 TestStack::redisPid() const
{
    return m_redisProcess && m_redisProcess->isRunning() ? m_redisProcess->pid() : 0;
}

bool TestStack::stopRedis()
{
    if (!m_redisProcess)
        return false;
    m_redisProcess->kill9();
    return true;
}

QString TestStack::resetData()
{
    store::Connection c(m_db, QStringLiteral("test-reset"));
    auto tables = store::exec(
        c, QStringLiteral("SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables"
                          " WHERE schemaname = 'public'"
                          " AND tablename NOT IN ('schema_migrations', 'api_secret_hash_key')"));
    if (!tables || !tables->next())
        return QStringLiteral("cannot list tables");
    if (auto r = store::exec(c, QStringLiteral("TRUNCATE %1 RESTART IDENTITY CASCADE")
                                    .arg(tables->value(0).toString()));
        !r)
        return r.error().description;
    // The seeds as shipped, except that the database takes the test merchant's secret only in
    // its keyed form (on a fresh database migration 060 hashes it, and the migrator keys that).
    const QString clearSecret = QStringLiteral("'secret_test_xyz789'");
    for (const QString &name : store::Migrator::available()) {
        if (!name.contains(QStringLiteral("seed")))
            continue;
        QFile f(QStringLiteral(":/migrations/") + name);
        f.open(QIODevice::ReadOnly);
        QString seed = QString::fromUtf8(f.readAll());
        seed.replace(clearSecret, QLatin1Char('\'') + secretHash(clearSecret.mid(1).chopped(1)) +
                                      QLatin1Char('\''));
        if (auto r = store::exec(c, seed); !r)
            return r.error().description;
    }
    queue::RedisClient redis(m_redis);
    if (auto r = redis.command({"FLUSHALL"}); !r)
        return r.error().description;
    return {};
}

QStringList TestStack::sql(const QString &statement)
{
    store::Connection c(m_db, QStringLiteral("test-sql"));
    QStringList rows;
    auto q = store::exec(c, statement);
    if (!q)
        return {QStringLiteral("ERROR: ") + q.error().description};
    while (q->isSelect() && q->next())
        rows << q->value(0).toString();
    return rows;
}

qint64 TestStack::readsOf(const QString &table)
{
    store::Connection c(m_db, QStringLiteral("test-sql"));
    auto q = store::exec(
        c,
        QStringLiteral("SELECT t.seq_tup_read + coalesce(sum(i.idx_tup_read), 0)"
                       " FROM pg_stat_user_tables t LEFT JOIN pg_stat_user_indexes i"
                       " ON i.relid = t.relid WHERE t.relname = ? GROUP BY t.seq_tup_read"),
        {table});
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

QProcessEnvironment TestStack::environment(const QMap<QString, QString> &overrides) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DATABASE_URL"), databaseUrl());
    env.insert(QStringLiteral("REDIS_URL"), redisUrl());
    env.insert(QStringLiteral("PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("CHECKOUT_PORT"), QStringLiteral("0"));
    env.insert(QStringLiteral("BIND_ADDRESS"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("TEST_MODE"), QStringLiteral("true"));
    env.insert(QStringLiteral("TEST_PROCESSING_DELAY"), QStringLiteral("200"));
    env.insert(QStringLiteral("WEBHOOK_ALLOW_PRIVATE"), QStringLiteral("true"));
    env.insert(QStringLiteral("WEBHOOK_RETRY_INTERVALS_TEST"), QStringLiteral("true"));
    env.insert(QStringLiteral("SERVER_THREADS"), QStringLiteral("4"));
    env.insert(QStringLiteral("API_SECRET_HASH_KEY"), QString::fromLatin1(m_secretHashKey));
    env.remove(QStringLiteral("API_SECRET_HASH_KEY_FILE"));
    for (auto it = overrides.cbegin(); it != overrides.cend(); ++it) {
        if (it.value().isNull())
            env.remove(it.key());
        else
            env.insert(it.key(), it.value());
    }
    return env;
}

RunningService TestStack::startBinary(const QString &relativePath,
                                      const QMap<QString, QString> &overrides,
                                      const QRegularExpression &ready)
{
    RunningService s;
    s.process = std::make_unique<ManagedProcess>();
    if (!s.process->start(buildDir() + QLatin1Char('/') + relativePath, {}, environment(overrides)))
        return s;
    s.port = quint16(s.process->waitForOutput(ready).toUInt());
    return s;
}

RunningService TestStack::startServer(const QMap<QString, QString> &overrides)
{
    return startBinary(QStringLiteral("server/gateway-server"), overrides);
}

QString TestStack::startWithServer(RunningService &server, const QMap<QString, QString> &overrides)
{
    if (QString e = start(); !e.isEmpty())
        return e;
    server = startServer(overrides);
    if (!server.port)
        return QStringLiteral("the server did not start: ") +
               (server.process ? server.process->output() : QString());
    return {};
}

RunningService TestStack::startWorker(const QMap<QString, QString> &overrides)
{
    RunningService s =
        startBinary(QStringLiteral("worker/gateway-worker"), overrides,
                    QRegularExpression(QStringLiteral("gateway-worker \\S+ (started)")));
    return s;
}

} // namespace gw::test
