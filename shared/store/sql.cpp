#include "store/sql.h"

#include "core/logging.h"

#include <QSqlError>

namespace gw::store {

namespace {
ApiError toApiError(Connection &c, const QSqlError &e, const QString &sql)
{
    c.noteFailure(e);
    if (!c.db().isOpen())
        return ApiError::unavailable(QStringLiteral("The database is unreachable; try again shortly"));
    qCWarning(lcStore).noquote() << "query failed:" << e.text() << "in" << sql.left(200);
    return ApiError::server(QStringLiteral("An internal error occurred"));
}
} // namespace

Result<QSqlQuery> exec(Connection &c, const QString &sql, const QVariantList &values)
{
    if (auto s = c.ensureOpen(); !s)
        return s.error();
    QSqlQuery q(c.db());
    q.setForwardOnly(true);
    if (values.isEmpty()) {
        if (!q.exec(sql))
            return toApiError(c, q.lastError(), sql);
        return q;
    }
    if (!q.prepare(sql))
        return toApiError(c, q.lastError(), sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return toApiError(c, q.lastError(), sql);
    return q;
}

Status begin(Connection &c)
{
    if (auto s = c.ensureOpen(); !s)
        return s.error();
    if (!c.db().transaction())
        return toApiError(c, c.db().lastError(), QStringLiteral("BEGIN"));
    return Done{};
}

Status commit(Connection &c)
{
    if (!c.db().commit()) {
        const QSqlError e = c.db().lastError();
        c.db().rollback();
        return toApiError(c, e, QStringLiteral("COMMIT"));
    }
    return Done{};
}

void rollback(Connection &c)
{
    if (c.db().isOpen())
        c.db().rollback();
}

} // namespace gw::store
