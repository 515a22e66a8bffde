#pragma once
// One PostgreSQL connection, owned by one thread (QtSql connections must not cross threads).
// It reopens itself after the server went away, so a database restart heals without a process
// restart.
#include "core/result.h"
#include "core/urls.h"

#include <QSqlDatabase>
#include <QString>

namespace gw::store {

class Connection
{
public:
    // `purpose` ends up in application_name, handy in pg_stat_activity.
    Connection(DatabaseParams params, QString purpose);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Opens (or reopens after a failure) the connection.
    Status ensureOpen();
    QSqlDatabase &db() { return m_db; }
    // After a query failed: forget the session if the failure means the link is gone.
    void noteFailure(const QSqlError &error);
    // SELECT 1 within a short time; used by /health.
    bool ping();

private:
    DatabaseParams m_params;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace gw::store
