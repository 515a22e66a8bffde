#pragma once
// Building HTTP replies: JSON bodies and the one mapping from ApiError to an HTTP status.
#include "core/apierror.h"

#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>

namespace gw::http {

using Status = QHttpServerResponder::StatusCode;

Status httpStatus(ErrorCode code);
QByteArray compactJson(const QJsonObject &object);
QHttpServerResponse json(const QJsonObject &body, Status status = Status::Ok);
QHttpServerResponse error(const ApiError &error);

} // namespace gw::http
