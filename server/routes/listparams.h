#pragma once
// The query parameters of a list route, written once: parsed into a ListQuery by the handler and
// described in openapi.json by the route table.
#include "core/listquery.h"
#include "server/http/route.h"

#include <QJsonArray>

namespace gw::http {

struct ListParams
{
    QMap<QString, QStringList> filters; // filter → allowed values
    bool withDates = false;             // from / to
    QList<SortKey> sortable{SortKey::CreatedAt, SortKey::Amount, SortKey::Status};
    QMap<QString, QString> ids = {}; // filters that take an object's id → the id's prefix

    Result<ListQuery> parse(const Call &call) const;
    QList<QueryParam> describe() const;
};

// A list route's answer: the query parsed with `params`, one page read by `read(query)` (a
// store's list), each item as its JSON.
template <typename Read>
Result<Reply> listReply(const Call &call, const ListParams &params, Read &&read)
{
    auto query = params.parse(call);
    if (!query)
        return query.error();
    auto page = read(query.value());
    if (!page)
        return page.error();
    QJsonArray data;
    for (const auto &item : page->items)
        data.append(item.toJson());
    return reply(200, pageJson(data, page->total, query.value()));
}

} // namespace gw::http
