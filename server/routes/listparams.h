#pragma once
// The query parameters of a list route, written once: parsed into a ListQuery by the handler and
// described in openapi.json by the route table.
#include "core/listquery.h"
#include "server/http/route.h"

namespace gw::http {

struct ListParams
{
    QMap<QString, QStringList> filters; // filter → allowed values
    bool withDates = false;             // from / to
    QList<SortKey> sortable{SortKey::CreatedAt, SortKey::Amount, SortKey::Status};

    Result<ListQuery> parse(const Call &call) const;
    QList<QueryParam> describe() const;
};

} // namespace gw::http
