#pragma once
// The test stack: a private PostgreSQL database and Redis server for one test suite, plus the
// processes under test. scripts/test starts one PostgreSQL for the whole run (GW_TEST_PG_URL);
// each suite makes its own database in it, so suites run in parallel without sharing rows. Run
// alone (no GW_TEST_PG_URL), a suite starts a PostgreSQL of its own. Redis is always per suite, so
// that reliability tests can stop and start it.
#include "core/secrethash.h"
#include "core/urls.h"
#include "support/managedprocess.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <memory>
#include <sys/types.h>

namespace gw::test {

struct RunningService
{
    std::unique_ptr<ManagedProcess> process;
    quint16 port = 0;
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
};

class TestStack
{
public:
    TestStack();
    ~TestStack();

    // Creates and migrates the database and starts Redis. Returns an empty string or the failure.
    QString start();
    // Ends the stack: checks the money's invariants on its database (store::MoneyChecks, issue
    // 22), then drops the database and stops Redis (and a PostgreSQL of its own). Every suite
    // calls it last in cleanupTestCase, where a broken invariant is a QtTest failure of the
    // suite. The destructor stops a stack still running: QtTest has ended by then, so a broken
    // invariant found there fails the process's exit code instead.
    void stop();

    const DatabaseParams &database() const { return m_db; }
    const RedisParams &redis() const { return m_redis; }
    QString databaseUrl() const;
    QString redisUrl() const;

    // The API secret hash key this stack's processes get (API_SECRET_HASH_KEY), random per stack.
    QByteArray secretHashKey() const { return m_secretHashKey; }
    // The stored form of `secret` under that key, for tests that write merchants with SQL (the
    // database refuses clear-text secrets): quote it as a literal, it is [a-z0-9$-] only.
    QString secretHash(const QString &secret) const;

    // Truncates every table (but the migrations and the secret hash key they recorded), re-seeds
    // the test merchant and flushes Redis.
    QString resetData();
    // Runs one SQL statement as the database owner; returns the first column of every row.
    QStringList sql(const QString &statement);
    // Rows and index entries of `table` read so far, as PostgreSQL's statistics say (each
    // backend reports its own when it has been idle for up to ten seconds, and when it ends);
    // -1 when they cannot be read. For tests that a plan reads only the rows it needs.
    qint64 readsOf(const QString &table);

    // Runs one statement on the maintenance database (for what the test database itself can't
    // do, e.g. refusing its connections). Returns an empty string or the failure.
    QString adminSql(const QString &statement);

    // For suites that crash PostgreSQL: a PostgreSQL of this stack's own even when the run shares
    // one (GW_TEST_PG_URL). Call before start().
    void useOwnPostgres() { m_ownPostgresWanted = true; }
    // A crash of the stack's own PostgreSQL: SIGKILL to the postmaster and every process it
    // started, at once, so whatever WAL was not yet written out is gone. False without one.
    bool crashPostgres();
    // Starts it again on the same data and port (crash recovery runs). Empty or the failure.
    QString restartPostgres();
    // `signal` to the stack's own PostgreSQL, the postmaster and every process it started
    // (SIGSTOP freezes it, SIGCONT thaws it). False without one.
    bool signalPostgres(int signal);
    // The folder of its data (for a standby made from it); empty without one.
    QString postgresDataDir() const
    {
        return m_ownPostgres ? m_dir.filePath(QStringLiteral("pg")) : QString();
    }
    // Its admin connection's parameters (host, port, superuser).
    const DatabaseParams &admin() const { return m_admin; }

    bool stopRedis();
    qint64 redisPid() const; // 0 when not running (tests may SIGSTOP it to hang it)
    bool startRedis();

    // The environment the processes under test get (on top of this process's own).
    QProcessEnvironment environment(const QMap<QString, QString> &overrides = {}) const;
    RunningService startServer(const QMap<QString, QString> &overrides = {});
    // The start-up most suites share: start(), then one API server into `server`. Empty on
    // success, else what failed (with the server's output); a suite writes
    // QCOMPARE(m_stack.startWithServer(m_server), QString()).
    QString startWithServer(RunningService &server, const QMap<QString, QString> &overrides = {});
    RunningService startWorker(const QMap<QString, QString> &overrides = {});
    // Any binary of the build (path relative to the build folder) that prints "port N".
    RunningService startBinary(
        const QString &relativePath, const QMap<QString, QString> &overrides = {},
        const QRegularExpression &ready = QRegularExpression(QStringLiteral("port (\\d+)")));

    // The checkout and build folders. Defined in sourcedirs.cpp alone, so the folders' paths reach
    // one object file and every other compiles the same in any worktree (ccache hits).
    static QString sourceDir();
    static QString buildDir();

private:
    void checkMoney();
    QString startOwnPostgres();
    QList<pid_t> postgresProcesses() const;
    QString pgStart(quint16 port);

    QTemporaryDir m_dir;
    QByteArray m_secretHashKey;
    DatabaseParams m_admin;
    DatabaseParams m_db;
    RedisParams m_redis;
    bool m_ownPostgres = false;
    bool m_ownPostgresWanted = false;
    bool m_moneyBroken = false; // found broken outside a QtTest function (by the destructor)
    std::unique_ptr<ManagedProcess> m_redisProcess;
};

} // namespace gw::test
