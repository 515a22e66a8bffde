#include "core/apierror.h"

namespace gw {

ApiError ApiError::badRequest(const QString &description, const QString &field)
{
    return {ErrorCode::BadRequest, description, field};
}

ApiError ApiError::notFound(const QString &description)
{
    return {ErrorCode::NotFound, description, {}};
}

ApiError ApiError::server(const QString &description)
{
    return {ErrorCode::ServerError, description, {}};
}

ApiError ApiError::unavailable(const QString &description)
{
    return {ErrorCode::ServiceUnavailable, description, {}};
}

ApiError ApiError::paymentNotFound()
{
    return notFound(QStringLiteral("Payment not found"));
}

ApiError ApiError::orderNotFound()
{
    return notFound(QStringLiteral("Order not found"));
}

ApiError ApiError::orderHasLivePayment(const QString &paymentId, bool paid)
{
    ApiError e =
        badRequest(paid ? QStringLiteral("Order already paid")
                        : QStringLiteral("A payment for this order is already in progress"));
    e.paymentId = paymentId;
    return e;
}

ApiError ApiError::webhookLogNotFound()
{
    return notFound(QStringLiteral("Webhook log not found"));
}

ApiError ApiError::noSuchRoute()
{
    return notFound(QStringLiteral("No such route"));
}

QString ApiError::codeName() const
{
    switch (code) {
    case ErrorCode::Authentication:
        return QStringLiteral("AUTHENTICATION_ERROR");
    case ErrorCode::BadRequest:
        return QStringLiteral("BAD_REQUEST_ERROR");
    case ErrorCode::NotFound:
        return QStringLiteral("NOT_FOUND_ERROR");
    case ErrorCode::InvalidVpa:
        return QStringLiteral("INVALID_VPA");
    case ErrorCode::InvalidCard:
        return QStringLiteral("INVALID_CARD");
    case ErrorCode::ExpiredCard:
        return QStringLiteral("EXPIRED_CARD");
    case ErrorCode::IdempotencyInFlight:
    case ErrorCode::IdempotencyMismatch:
        return QStringLiteral("IDEMPOTENCY_ERROR");
    case ErrorCode::PayloadTooLarge:
        return QStringLiteral("PAYLOAD_TOO_LARGE");
    case ErrorCode::HeadersTooLarge:
        return QStringLiteral("HEADERS_TOO_LARGE");
    case ErrorCode::RequestTimeout:
        return QStringLiteral("REQUEST_TIMEOUT");
    case ErrorCode::RateLimited:
        return QStringLiteral("RATE_LIMITED");
    case ErrorCode::ServerError:
        return QStringLiteral("SERVER_ERROR");
    case ErrorCode::ServiceUnavailable:
        return QStringLiteral("SERVICE_UNAVAILABLE");
    }
    return QStringLiteral("SERVER_ERROR");
}

QJsonObject ApiError::toJson() const
{
    QJsonObject inner{{QStringLiteral("code"), codeName()},
                      {QStringLiteral("description"), description}};
    if (!field.isEmpty())
        inner.insert(QStringLiteral("field"), field);
    if (!paymentId.isEmpty())
        inner.insert(QStringLiteral("payment_id"), paymentId);
    return QJsonObject{{QStringLiteral("error"), inner}};
}

} // namespace gw
