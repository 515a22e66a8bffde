#include "server/http/reply.h"

#include <QJsonDocument>

namespace gw::http {

HttpStatus httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Authentication:
        return HttpStatus::Unauthorized;
    case ErrorCode::BadRequest:
    case ErrorCode::InvalidVpa:
    case ErrorCode::InvalidCard:
    case ErrorCode::ExpiredCard:
        return HttpStatus::BadRequest;
    case ErrorCode::NotFound:
        return HttpStatus::NotFound;
    case ErrorCode::IdempotencyInFlight:
        return HttpStatus::Conflict;
    case ErrorCode::IdempotencyMismatch:
        return HttpStatus::UnprocessableEntity;
    case ErrorCode::PayloadTooLarge:
        return HttpStatus::PayloadTooLarge;
    case ErrorCode::HeadersTooLarge:
        return HttpStatus::RequestHeaderFieldsTooLarge;
    case ErrorCode::RequestTimeout:
        return HttpStatus::RequestTimeout;
    case ErrorCode::RateLimited:
        return HttpStatus::TooManyRequests;
    case ErrorCode::ServerError:
        return HttpStatus::InternalServerError;
    case ErrorCode::ServiceUnavailable:
        return HttpStatus::ServiceUnavailable;
    }
    return HttpStatus::InternalServerError;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QHttpServerResponse json(const QJsonObject &body, HttpStatus status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), compactJson(body), status);
}

QHttpServerResponse error(const ApiError &e)
{
    return json(e.toJson(), httpStatus(e.code));
}

} // namespace gw::http
