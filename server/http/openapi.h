#pragma once
// openapi.json, written from the route table itself: every registered route is described.
#include "server/http/routetable.h"

#include <QJsonObject>

namespace gw::http {

QJsonObject openApiDocument(const RouteTable &table, const QString &serverUrl);

} // namespace gw::http
