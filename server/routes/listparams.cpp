#include "server/routes/listparams.h"

#include "server/routes/apiroutes.h"

namespace gw::http {

Result<ListQuery> ListParams::parse(const Call &call) const
{
    return ListQuery::parse(queryOf(call), filters, withDates, sortable, ids);
}

QList<QueryParam> ListParams::describe() const
{
    QList<QueryParam> out{
        {QStringLiteral("limit"),
         QStringLiteral("Page size, %1 to %2 (default %3)")
             .arg(1)
             .arg(ListQuery::kMaxLimit)
             .arg(ListQuery::kDefaultLimit),
         {},
         QStringLiteral("integer")},
        {QStringLiteral("offset"),
         QStringLiteral("Rows to skip (default 0)"),
         {},
         QStringLiteral("integer")},
    };
    for (auto it = filters.begin(); it != filters.end(); ++it)
        out.append({it.key(), QStringLiteral("Only rows with this %1").arg(it.key()), it.value()});
    for (auto it = ids.begin(); it != ids.end(); ++it)
        out.append(
            {it.key(), QStringLiteral("Only rows with this %1 (%2…)").arg(it.key(), it.value())});
    if (withDates) {
        out.append({QStringLiteral("from"),
                    QStringLiteral("created_at at or after this time (ISO-8601 or unix seconds)")});
        out.append(
            {QStringLiteral("to"),
             QStringLiteral("created_at at or before this time (ISO-8601 or unix seconds)")});
    }
    QStringList keys;
    for (SortKey k : sortable)
        keys << sortKeyName(k);
    out.append({QStringLiteral("sort"),
                QStringLiteral("Sort key (default created_at); ties by created_at, then id"),
                keys});
    out.append({QStringLiteral("order"),
                QStringLiteral("Sort direction (default desc)"),
                {QStringLiteral("asc"), QStringLiteral("desc")}});
    return out;
}

} // namespace gw::http
