#pragma once
// The one error type of the gateway: a contract code, a human sentence and, where one field is at
// fault, its name. Every layer returns these as values; only the HTTP layer maps them to statuses.
#include <QJsonObject>
#include <QString>

namespace gw {

enum class ErrorCode {
    Authentication,
    BadRequest,
    NotFound,
    InvalidVpa,
    InvalidCard,
    ExpiredCard,
    IdempotencyInFlight,
    IdempotencyMismatch,
    PayloadTooLarge,
    HeadersTooLarge,
    RequestTimeout,
    RateLimited,
    ServerError,
    ServiceUnavailable,
};

struct ApiError
{
    ErrorCode code = ErrorCode::ServerError;
    QString description;
    QString field;
    QString paymentId = {}; // a refused create: the order's live payment

    static ApiError badRequest(const QString &description, const QString &field = {});
    static ApiError notFound(const QString &description);
    static ApiError server(const QString &description);
    static ApiError unavailable(const QString &description);
    // The 404s answered from more than one place, each sentence written here once.
    static ApiError paymentNotFound();
    static ApiError orderNotFound();
    static ApiError webhookLogNotFound();
    static ApiError noSuchRoute();
    // A create for an order whose payment `paymentId` is live: paid (success) or in progress.
    static ApiError orderHasLivePayment(const QString &paymentId, bool paid);

    // The contract's code string, e.g. "BAD_REQUEST_ERROR".
    QString codeName() const;
    // {"error":{"code":…,"description":…[, "field":…][, "payment_id":…]}}
    QJsonObject toJson() const;
};

} // namespace gw
