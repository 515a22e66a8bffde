#include "store/sql.h"

#include "core/logging.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

namespace gw::store {

namespace {
ApiError toApiError(Connection &c, const QSqlError &e, const QString &sql)
{
    c.noteFailure(e);
    if (!c.db().isOpen())
        return ApiError::unavailable(
            QStringLiteral("The database is unreachable; try again shortly"));
    qCWarning(lcStore).noquote() << "query failed:" << e.text() << "in" << sql.left(200);
    return ApiError::server(QStringLiteral("An internal error occurred"));
}

// Puts the values into the statement as literals written by the driver's formatValue, exactly
// what QPSQL sends to EXECUTE for a prepared query anyway, so one statement costs one round trip
// instead of three (PREPARE, EXECUTE, DEALLOCATE). `?` inside quoted literals and identifiers is
// left alone. Returns an empty string when the placeholders and the values do not pair up.
QString inlineValues(QSqlDriver *driver, const QString &sql, const QVariantList &values)
{
    QString out;
    out.reserve(sql.size() + 48 * values.size());
    qsizetype next = 0;
    QChar quote;
    for (QChar ch : sql) {
        if (!quote.isNull()) {
            if (ch == quote)
                quote = QChar();
        } else if (ch == u'\'' || ch == u'"') {
            quote = ch;
        } else if (ch == u'?') {
            if (next == values.size())
                return {};
            const QVariant &v = values.at(next++);
            QSqlField field(QString(), v.metaType());
            field.setValue(v);
            out += driver->formatValue(field);
            continue;
        }
        out += ch;
    }
    return next == values.size() ? out : QString();
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
    const QString statement = inlineValues(c.db().driver(), sql, values);
    if (statement.isEmpty())
        return ApiError::server(
            QStringLiteral("An internal error occurred")); // a bug: placeholders ≠ values
    if (!q.exec(statement))
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
