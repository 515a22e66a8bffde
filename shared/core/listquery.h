#pragma once
// The query string of a list endpoint: limit (1–100, default 10), offset, and the filters that
// list accepts, each checked against its allowed values. Unknown parameters are ignored.
#include "core/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrlQuery>

namespace gw {

struct ListQuery
{
    static constexpr int kDefaultLimit = 10;
    static constexpr int kMaxLimit = 100;

    int limit = kDefaultLimit;
    qint64 offset = 0;
    QMap<QString, QString> filters; // name → value, only those given
    QDateTime from;                 // created_at >= from (invalid: no bound)
    QDateTime to;                   // created_at <= to

    // `enums` maps each accepted filter to its allowed values; `withDates` accepts from/to
    // (ISO-8601 or unix seconds).
    static Result<ListQuery> parse(const QUrlQuery &query, const QMap<QString, QStringList> &enums,
                                   bool withDates);

    QString filter(const QString &name) const { return filters.value(name); }
};

// {data, total, limit, offset}: the shape of every list.
QJsonObject pageJson(const QJsonArray &data, qint64 total, const ListQuery &query);

} // namespace gw
