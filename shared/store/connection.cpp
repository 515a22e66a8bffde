#include "store/connection.h"

#include "core/logging.h"
#include "store/sql.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <libpq-fe.h>

namespace gw::store {

namespace {
QAtomicInteger<quint64> s_counter; // only makes connection names unique within the process
}

// libpq's connection options for `p`: time limits, keepalives, the other hosts' ports.

QString connectOptions(const DatabaseParams &p, const QString &purpose)
{
    QStringList o{QStringLiteral("connect_timeout=%1").arg(p.connectTimeoutS),
                  QStringLiteral("application_name=gw-%1").arg(purpose),
                  // A peer that went away is noticed on an idle session (keepalives) and on one
                  // waiting for its data to be acknowledged (tcp_user_timeout).
                  QStringLiteral("keepalives=1"), QStringLiteral("keepalives_idle=5"),
                  QStringLiteral("keepalives_interval=2"), QStringLiteral("keepalives_count=3"),
                  QStringLiteral("tcp_user_timeout=%1").arg(p.tcpUserTimeoutMs),
                  QStringLiteral("options='-c statement_timeout=%1 -c lock_timeout=%2'")
                      .arg(p.statementTimeoutMs)
                      .arg(p.lockTimeoutMs)};
    if (!p.moreHosts.isEmpty()) {
        QStringList ports;
        for (const DatabaseHost &h : p.hosts())
            ports << QString::number(h.port);
        o << QStringLiteral("port=") + ports.join(QLatin1Char(','));
    }
    if (!p.targetSessionAttrs.isEmpty())
        o << QStringLiteral("target_session_attrs=") + p.targetSessionAttrs;
    return o.join(QLatin1Char(';')); // QPSQL turns ';' into the spaces libpq wants
}

Connection::Connection(DatabaseParams params, QString purpose) : m_params(std::move(params))
{
    m_name = QStringLiteral("gw-%1-%2").arg(purpose).arg(s_counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    // Several hosts go to libpq as its lists (host=a,b,c port=p,q,r), tried in order.
    QStringList hosts;
    for (const DatabaseHost &h : m_params.hosts())
        hosts << h.host;
    m_db.setHostName(hosts.join(QLatin1Char(',')));
    m_db.setPort(m_params.moreHosts.isEmpty() ? m_params.port : -1);
    m_db.setUserName(m_params.user);
    m_db.setPassword(m_params.password);
    m_db.setDatabaseName(m_params.database);
    m_db.setConnectOptions(connectOptions(m_params, purpose));
}

Connection::~Connection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

OkOrError Connection::ensureOpen()
{
    if (m_db.isOpen() && !m_checking && m_lastStatement.isValid() &&
        m_lastStatement.hasExpired(kIdleCheckMs)) {
        PGconn *conn = pg();
        if (conn && PQtransactionStatus(conn) == PQTRANS_IDLE) {
            m_checking = true;
            reach(); // drops a session whose server is gone or read-only now
            m_checking = false;
        }
    }
    m_lastStatement.start();
    if (m_db.isOpen())
        return Ok{};
    if (!m_db.open()) {
        qCWarning(lcStore) << "cannot connect to PostgreSQL at" << m_params.host << m_params.port
                           << ":" << m_db.lastError().text();
        return ApiError::unavailable(
            QStringLiteral("The database is unreachable; try again shortly"));
    }
    m_prepared.clear(); // a fresh session has no prepared statements
    m_preparedOn = nullptr;
    return Ok{};
}

void Connection::noteFailure(const QSqlError &error)
{
    // 08: connection exceptions; 57P01-57P03: the server shuts down or is starting; 25006: a
    // write on a server that is read-only now (a demoted primary, or one made read-only).
    const QString state = error.nativeErrorCode();
    if (error.type() == QSqlError::ConnectionError || !m_db.isOpen() ||
        state.startsWith(QStringLiteral("08")) || state.startsWith(QStringLiteral("57P")) ||
        state == QStringLiteral("25006") ||
        error.text().contains(QStringLiteral("server closed the connection")) ||
        error.text().contains(QStringLiteral("no connection to the server")) ||
        error.text().contains(QStringLiteral("terminating connection")))
        m_db.close();
}

pg_conn *Connection::pg()
{
    if (!m_db.isOpen())
        return nullptr;
    const QVariant handle = m_db.driver()->handle();
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    auto *conn = *static_cast<PGconn *const *>(handle.constData());
    if (conn != m_preparedOn) { // a new session: nothing is prepared on it
        m_prepared.clear();
        m_preparedOn = conn;
        m_nextReceiver = PQsetNoticeReceiver(conn, &Connection::onNotice, this);
    }
    return conn;
}

void Connection::onNotice(void *self, const PGresult *notice)
{
    auto *c = static_cast<Connection *>(self);
    // PostgreSQL's SyncRepWaitForLSN warns "canceling wait for synchronous replication … the
    // transaction has already committed locally, but might not have been replicated" and then
    // reports the COMMIT as done. Told by the function that says it (not localized), not its text.
    const char *function = PQresultErrorField(notice, PG_DIAG_SOURCE_FUNCTION);
    const char *severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (function && severity && qstrcmp(function, "SyncRepWaitForLSN") == 0 &&
        qstrcmp(severity, "WARNING") == 0)
        c->m_syncWaitCancelled = true;
    if (c->m_nextReceiver)
        c->m_nextReceiver(nullptr, notice);
}

Connection::Reach Connection::reach()
{
    const QString sql = QStringLiteral("SHOW transaction_read_only");
    auto q = exec(*this, sql);
    if (!q)
        q = exec(*this, sql);
    if (!q || !q->next())
        return Reach::Unreachable;
    if (q->value(0).toString() == QStringLiteral("on")) {
        abandon();
        return Reach::ReadOnly;
    }
    return Reach::Writable;
}

} // namespace gw::store
