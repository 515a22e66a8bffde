#include "store/connection.h"

#include "core/logging.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <libpq-fe.h>

namespace gw::store {

namespace {
QAtomicInteger<quint64> s_counter; // only makes connection names unique within the process
}

Connection::Connection(DatabaseParams params, QString purpose) : m_params(std::move(params))
{
    m_name = QStringLiteral("gw-%1-%2").arg(purpose).arg(s_counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_db.setHostName(m_params.host);
    m_db.setPort(m_params.port);
    m_db.setUserName(m_params.user);
    m_db.setPassword(m_params.password);
    m_db.setDatabaseName(m_params.database);
    m_db.setConnectOptions(QStringLiteral("connect_timeout=3;application_name=gw-%1").arg(purpose));
}

Connection::~Connection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Status Connection::ensureOpen()
{
    if (m_db.isOpen())
        return Done{};
    if (!m_db.open()) {
        qCWarning(lcStore) << "cannot connect to PostgreSQL at" << m_params.host << m_params.port
                           << ":" << m_db.lastError().text();
        return ApiError::unavailable(
            QStringLiteral("The database is unreachable; try again shortly"));
    }
    m_prepared.clear(); // a fresh session has no prepared statements
    m_preparedOn = nullptr;
    return Done{};
}

void Connection::noteFailure(const QSqlError &error)
{
    if (error.type() == QSqlError::ConnectionError || !m_db.isOpen() ||
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
    }
    return conn;
}

bool Connection::ping()
{
    if (!ensureOpen())
        return false;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT 1")))
        return true;
    noteFailure(q.lastError());
    // One reconnect: the first query after a database restart fails on the stale session.
    if (!ensureOpen())
        return false;
    QSqlQuery again(m_db);
    return again.exec(QStringLiteral("SELECT 1"));
}

} // namespace gw::store
