#pragma once
// What gateway-admin prints: each result as JSON (--json, for scripts) or as text for a person.
// The JSON field names live here, each once.
#include "store/accountstore.h"

#include <QJsonObject>
#include <QString>

namespace gw::admin {

QJsonObject accountJson(const store::Account &account);
QJsonObject createdJson(const store::CreatedAccount &created);
QJsonObject rotatedJson(const store::RotatedKey &rotated);

QString accountText(const store::Account &account);
QString accountLine(const store::Account &account);
QString createdText(const store::CreatedAccount &created);
QString rotatedText(const store::RotatedKey &rotated);

} // namespace gw::admin
