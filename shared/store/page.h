#pragma once
// One page of a list and the two statements that fill it (the total and the rows), in the order
// the query asked for (newest first by default). Each list's SQL still lives in its store class;
// this only runs it.
#include "core/listquery.h"
#include "core/result.h"
#include "store/sql.h"

#include <QDateTime>
#include <QList>
#include <QVariant>
#include <type_traits>

namespace gw::store {

template <typename T> struct Page
{
    QList<T> items;
    qint64 total = 0;
};

// SQL NULL for an empty filter, so that `coalesce(?, column)` matches everything.
inline QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}
inline QVariant timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toUTC().toString(Qt::ISODateWithMs))
                       : QVariant(QMetaType(QMetaType::QString));
}

// ORDER BY for a list: the sort key, then created_at and id as tie-breakers, all in one
// direction so that one index (merchant_id, key, created_at, id) serves both directions. The
// column names come from this fixed switch, never from the request.
inline QString orderBy(const ListQuery &query)
{
    const QString dir = query.ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QString clause = QStringLiteral(" ORDER BY ");
    if (query.sort == SortKey::Amount)
        clause += QStringLiteral("amount") + dir + QStringLiteral(", ");
    else if (query.sort == SortKey::Status)
        clause += QStringLiteral("status") + dir + QStringLiteral(", ");
    return clause + QStringLiteral("created_at") + dir + QStringLiteral(", id") + dir;
}

// `from` is the FROM … WHERE … part shared by the count and the rows; `columns` the select list.
template <typename T, typename Map>
Result<Page<T>> selectPage(Connection &c, const QString &columns, const QString &from,
                           const QVariantList &values, const ListQuery &query, Map map)
{
    const int limit = query.limit;
    const qint64 offset = query.offset;
    auto count = exec(c, QStringLiteral("SELECT count(*) ") + from, values);
    if (!count)
        return count.error();
    Page<T> page;
    if (count->next())
        page.total = count->value(0).toLongLong();
    if (page.total <= offset)
        return page;
    QVariantList rowValues = values;
    rowValues << limit << offset;
    auto rows = exec(c,
                     QStringLiteral("SELECT ") + columns + u' ' + from + orderBy(query) +
                         QStringLiteral(" LIMIT ? OFFSET ?"),
                     rowValues);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        if constexpr (std::is_same_v<decltype(map(rows.value())), T>) {
            page.items.append(map(rows.value()));
        } else { // a mapper that can fail (an unknown enum string)
            auto item = map(rows.value());
            if (!item)
                return item.error();
            page.items.append(std::move(item).value());
        }
    }
    return page;
}

} // namespace gw::store
