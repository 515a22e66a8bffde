#pragma once
// Running one statement with bound values, turning QtSql failures into ApiErrors.
#include "core/result.h"
#include "store/connection.h"

#include <QSqlQuery>
#include <QVariantList>

namespace gw::store {

// Runs `sql` with positional `?` values as bound parameters: the statement is prepared once per
// connection (libpq PQprepare, `?` → $n) and executed with the values beside the text
// (PQexecPrepared), never pasted into it. Without values it runs as simple-protocol text (it may
// hold several statements). A lost connection becomes 503, anything else 500 (a bug or a violated
// constraint the caller did not expect).
Result<QSqlQuery> exec(Connection &c, const QString &sql, const QVariantList &values = {});

// Runs `work` inside BEGIN … COMMIT; rolls back when it returns an error.
template <typename T, typename Work> Result<T> inTransaction(Connection &c, Work &&work);

OkOrError begin(Connection &c);
OkOrError commit(Connection &c);
void rollback(Connection &c);

template <typename T, typename Work> Result<T> inTransaction(Connection &c, Work &&work)
{
    if (auto s = begin(c); !s)
        return s.error();
    Result<T> r = work();
    if (!r) {
        rollback(c);
        return r;
    }
    if (auto s = commit(c); !s)
        return s.error();
    return r;
}

} // namespace gw::store
