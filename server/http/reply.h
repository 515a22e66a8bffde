#pragma once
// Building HTTP replies: JSON bodies and the one mapping from ApiError to an HTTP status.
#include "core/apierror.h"

#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>

namespace gw::http {

using HttpStatus = QHttpServerResponder::StatusCode;

HttpStatus httpStatus(ErrorCode code);
QByteArray compactJson(const QJsonObject &object);
QHttpServerResponse json(const QJsonObject &body, HttpStatus status = HttpStatus::Ok);
QHttpServerResponse error(const ApiError &error);

} // namespace gw::http
