#include "core/listquery.h"

#include "core/ids.h"

namespace gw {

namespace {
Result<qint64> integer(const QUrlQuery &q, const QString &name, qint64 def, qint64 low, qint64 high)
{
    if (!q.hasQueryItem(name))
        return def;
    const QString text = q.queryItemValue(name, QUrl::FullyDecoded);
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < low || v > high)
        return ApiError::badRequest(
            QStringLiteral("%1 must be an integer between %2 and %3").arg(name).arg(low).arg(high),
            name);
    return v;
}

} // namespace

Result<QDateTime> queryTime(const QUrlQuery &q, const QString &name)
{
    if (!q.hasQueryItem(name))
        return QDateTime();
    const QString text = q.queryItemValue(name, QUrl::FullyDecoded).trimmed();
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    QDateTime t;
    if (isNumber && seconds >= 0 && seconds < 253402300800LL)
        t = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    else if (!isNumber)
        t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() || t.date().year() < 1970 || t.date().year() > 9999)
        return ApiError::badRequest(
            QStringLiteral("%1 must be an ISO-8601 time or unix seconds").arg(name), name);
    if (t.timeSpec() == Qt::LocalTime && !text.endsWith(u'Z') && !text.contains(u'+'))
        t.setTimeSpec(Qt::UTC); // a time without a zone is UTC, like every time we print
    return t.toUTC();
}

Result<QString> queryOneOf(const QUrlQuery &q, const QString &name, const QStringList &allowed,
                           const QString &def)
{
    if (!q.hasQueryItem(name))
        return def;
    const QString v = q.queryItemValue(name, QUrl::FullyDecoded);
    if (!allowed.contains(v))
        return ApiError::badRequest(
            QStringLiteral("%1 must be one of: %2").arg(name, allowed.join(u", ")), name);
    return v;
}

namespace {
OkOrError parseOrder(const QUrlQuery &q, const QList<SortKey> &sortable, ListQuery &r)
{
    QStringList names;
    for (SortKey k : sortable)
        names << sortKeyName(k);
    auto sort = queryOneOf(q, QStringLiteral("sort"), names, sortKeyName(SortKey::CreatedAt));
    if (!sort)
        return sort.error();
    r.sort = sortable.at(names.indexOf(sort.value()));
    auto order =
        queryOneOf(q, QStringLiteral("order"), {QStringLiteral("asc"), QStringLiteral("desc")},
                   QStringLiteral("desc"));
    if (!order)
        return order.error();
    r.ascending = order.value() == QStringLiteral("asc");
    return Ok{};
}
} // namespace

QString sortKeyName(SortKey key)
{
    switch (key) {
    case SortKey::Amount:
        return QStringLiteral("amount");
    case SortKey::Status:
        return QStringLiteral("status");
    case SortKey::CreatedAt:
        break;
    }
    return QStringLiteral("created_at");
}

Result<ListQuery> ListQuery::parse(const QUrlQuery &query, const QMap<QString, QStringList> &enums,
                                   bool withDates, const QList<SortKey> &sortable,
                                   const QMap<QString, QString> &ids)
{
    ListQuery r;
    auto limit = integer(query, QStringLiteral("limit"), kDefaultLimit, 1, kMaxLimit);
    if (!limit)
        return limit.error();
    r.limit = int(limit.value());
    auto offset = integer(query, QStringLiteral("offset"), 0, 0, 1'000'000'000);
    if (!offset)
        return offset.error();
    r.offset = offset.value();
    for (auto it = enums.begin(); it != enums.end(); ++it) {
        if (!query.hasQueryItem(it.key()))
            continue;
        auto v = queryOneOf(query, it.key(), it.value(), {});
        if (!v)
            return v.error();
        r.filters.insert(it.key(), v.value());
    }
    for (auto it = ids.begin(); it != ids.end(); ++it) {
        if (!query.hasQueryItem(it.key()))
            continue;
        const QString v = query.queryItemValue(it.key(), QUrl::FullyDecoded);
        if (!ids::isValid(v, it.value()))
            return ApiError::badRequest(
                QStringLiteral("%1 must be an id of the form %2…").arg(it.key(), it.value()),
                it.key());
        r.filters.insert(it.key(), v);
    }
    if (auto s = parseOrder(query, sortable, r); !s)
        return s.error();
    if (withDates) {
        auto from = queryTime(query, QStringLiteral("from"));
        if (!from)
            return from.error();
        auto to = queryTime(query, QStringLiteral("to"));
        if (!to)
            return to.error();
        r.from = from.value();
        r.to = to.value();
    }
    return r;
}

QJsonObject pageJson(const QJsonArray &data, qint64 total, const ListQuery &query)
{
    return QJsonObject{{QStringLiteral("data"), data},
                       {QStringLiteral("total"), total},
                       {QStringLiteral("limit"), query.limit},
                       {QStringLiteral("offset"), query.offset}};
}

} // namespace gw
