#include "server/http/reply.h"

#include <QJsonDocument>

namespace gw::http {

Status httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Authentication:
        return Status::Unauthorized;
    case ErrorCode::BadRequest:
    case ErrorCode::InvalidVpa:
    case ErrorCode::InvalidCard:
    case ErrorCode::ExpiredCard:
        return Status::BadRequest;
    case ErrorCode::NotFound:
        return Status::NotFound;
    case ErrorCode::IdempotencyInFlight:
        return Status::Conflict;
    case ErrorCode::IdempotencyMismatch:
        return Status::UnprocessableEntity;
    case ErrorCode::PayloadTooLarge:
        return Status::PayloadTooLarge;
    case ErrorCode::HeadersTooLarge:
        return Status::RequestHeaderFieldsTooLarge;
    case ErrorCode::RequestTimeout:
        return Status::RequestTimeout;
    case ErrorCode::RateLimited:
        return Status::TooManyRequests;
    case ErrorCode::ServerError:
        return Status::InternalServerError;
    case ErrorCode::ServiceUnavailable:
        return Status::ServiceUnavailable;
    }
    return Status::InternalServerError;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QHttpServerResponse json(const QJsonObject &body, Status status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), compactJson(body), status);
}

QHttpServerResponse error(const ApiError &e)
{
    return json(e.toJson(), httpStatus(e.code));
}

} // namespace gw::http
