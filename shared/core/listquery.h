#pragma once
// The query string of a list endpoint: limit (1–100, default 10), offset, the filters that list
// accepts, each checked against its allowed values, and the order (sort=created_at|amount|status,
// order=asc|desc; newest first by default). Unknown parameters are ignored.
#include "core/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrlQuery>

namespace gw {

// What a list can be sorted by; ties are broken by created_at and id in the same direction.
enum class SortKey { CreatedAt, Amount, Status };
QString sortKeyName(SortKey key); // "created_at", "amount", "status"

struct ListQuery
{
    static constexpr int kDefaultLimit = 10;
    static constexpr int kMaxLimit = 100;

    int limit = kDefaultLimit;
    qint64 offset = 0;
    QMap<QString, QString> filters; // name → value, only those given
    QDateTime from;                 // created_at >= from (invalid: no bound)
    QDateTime to;                   // created_at <= to
    SortKey sort = SortKey::CreatedAt;
    bool ascending = false;

    // `enums` maps each accepted filter to its allowed values; `withDates` accepts from/to
    // (ISO-8601 or unix seconds); `sortable` lists the keys `sort` may name; `ids` maps each
    // filter that takes an object's id to the id's prefix (order_id → "order_").
    static Result<ListQuery>
    parse(const QUrlQuery &query, const QMap<QString, QStringList> &enums, bool withDates,
          const QList<SortKey> &sortable = {SortKey::CreatedAt, SortKey::Amount, SortKey::Status},
          const QMap<QString, QString> &ids = {});

    QString filter(const QString &name) const { return filters.value(name); }
};

// A time parameter: ISO-8601 (UTC unless it has a zone) or unix seconds; invalid when absent; a
// 400 naming the parameter when malformed.
Result<QDateTime> queryTime(const QUrlQuery &query, const QString &name);
// One of `allowed` (`def` when absent), or a 400 naming the parameter.
Result<QString> queryOneOf(const QUrlQuery &query, const QString &name, const QStringList &allowed,
                           const QString &def);

// {data, total, limit, offset}: the shape of every list.
QJsonObject pageJson(const QJsonArray &data, qint64 total, const ListQuery &query);

} // namespace gw
