#pragma once
// The rows of one libpq result behind the QSqlQuery interface, so that store code reads results of
// statements run with protocol-level bound parameters (store::exec) exactly as it read QtSql's own.
// Column values are converted from PostgreSQL's text format by type, as QPSQL converts them.
#include <QSqlRecord>
#include <QSqlResult>

struct pg_result;

namespace gw::store {

class PgRows : public QSqlResult
{
public:
    // Takes ownership of `result` (a PGRES_TUPLES_OK or PGRES_COMMAND_OK result).
    PgRows(const QSqlDriver *driver, pg_result *result, const QString &sql);
    ~PgRows() override;
    PgRows(const PgRows &) = delete;
    PgRows &operator=(const PgRows &) = delete;

protected:
    QVariant data(int column) override;
    bool isNull(int column) override;
    bool reset(const QString &sql) override;
    bool fetch(int row) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;

private:
    pg_result *m_result;
    int m_rows = 0;
    int m_affected = -1;
};

} // namespace gw::store
