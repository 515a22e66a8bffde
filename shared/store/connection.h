#pragma once
// One PostgreSQL connection, owned by one thread (QtSql connections must not cross threads).
// It reopens itself after the server went away, so a database restart heals without a process
// restart.
#include "core/result.h"
#include "core/urls.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QString>

struct pg_conn;
struct pg_result;

namespace gw::store {

// libpq's connection options for `p` (QPSQL's form, ';' between them): the time limits, the
// keepalives, the other hosts' ports and target_session_attrs.
QString connectOptions(const DatabaseParams &p, const QString &purpose);

class Connection
{
public:
    // `purpose` ends up in application_name, handy in pg_stat_activity.
    Connection(DatabaseParams params, QString purpose);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Opens (or reopens after a failure) the connection.
    OkOrError ensureOpen();
    QSqlDatabase &db() { return m_db; }
    // After a query failed: forget the session if the failure means the link is gone, or that
    // its server is no primary any more (the next ensureOpen finds the one that is).
    void noteFailure(const QSqlError &error);
    // Drops the session without waiting for its server (one that did not answer in time).
    void abandon() { m_db.close(); }
    // Whether the server answers and takes writes (one reconnect allowed: the first statement
    // after a database restart fails on the stale session). A session on a server that turned
    // read-only (a demoted primary) is dropped, so the next call looks for a read-write one.
    // For /health (its database watch).
    enum class Reach { Unreachable, ReadOnly, Writable };
    Reach reach();
    // How long a statement may wait for its answer before the client gives up on the server (a
    // frozen or cut-off one never answers, and its statement_timeout never fires): the server's
    // statement_timeout plus a grace, so that the server's own time-out normally comes first.
    int answerDeadlineMs() const { return m_params.statementTimeoutMs + kAnswerGraceMs; }
    const DatabaseParams &params() const { return m_params; }

    // The libpq connection under QtSql (null while closed), for statements with bound parameters.
    pg_conn *pg();
    // Server-side prepared statements of this session, by key (statement text + parameter
    // types): the name it was prepared under, or empty when it is not prepared yet. The set is
    // forgotten with the session, and cleared when it grows past a bound (the caller then
    // DEALLOCATEs ALL).
    QByteArray preparedName(const QByteArray &key) const { return m_prepared.value(key); }
    QByteArray nextStatementName() { return "gw_" + QByteArray::number(++m_nextStatement); }
    void remember(const QByteArray &key, const QByteArray &name) { m_prepared.insert(key, name); }
    bool preparedFull() const { return m_prepared.size() >= kMaxPrepared; }
    void forgetPrepared() { m_prepared.clear(); }

    // Whether the server warned, since the last clearSyncWaitCancelled(), that a commit's wait
    // for the synchronous standby was cancelled: the transaction committed on this server but
    // may not be on the standby, so a failover now would lose it. Its SUCCESS is no success.
    bool syncWaitCancelled() const { return m_syncWaitCancelled; }
    void clearSyncWaitCancelled() { m_syncWaitCancelled = false; }

private:
    // libpq's notice receiver for this session: notes the cancelled synchronous wait, hands
    // every notice on to the receiver it replaced (QPSQL's logging).
    static void onNotice(void *self, const pg_result *notice);

    static constexpr qsizetype kMaxPrepared = 512;
    static constexpr int kAnswerGraceMs = 2000;
    // A session unused this long, outside a transaction, is checked before its next statement:
    // its server may have died or been demoted meanwhile (a failover), and the statement would
    // fail on it (a 503 for a request that came after the failover was over).
    static constexpr int kIdleCheckMs = 1000;

    DatabaseParams m_params;
    QString m_name;
    QSqlDatabase m_db;
    pg_conn *m_preparedOn = nullptr; // the session m_prepared belongs to
    QHash<QByteArray, QByteArray> m_prepared;
    quint64 m_nextStatement = 0;
    bool m_syncWaitCancelled = false;
    QElapsedTimer m_lastStatement; // since ensureOpen last handed the session out
    bool m_checking = false;       // reach() from ensureOpen: no second check
    void (*m_nextReceiver)(void *, const pg_result *) = nullptr;
};

} // namespace gw::store
