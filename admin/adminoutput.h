#pragma once
// What gateway-admin prints: each result as JSON (--json, for scripts) or as text for a person.
// The JSON field names live here, each once.
#include "core/payment.h"
#include "store/accountstore.h"
#include "store/moneychecks.h"

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

QJsonObject duplicateJson(const DuplicatePayment &payment);
QString duplicateLine(const DuplicatePayment &payment);
QJsonObject violationJson(const store::Violation &violation);
QString violationLine(const store::Violation &violation);

} // namespace gw::admin
