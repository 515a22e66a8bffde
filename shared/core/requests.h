#pragma once
// The merchant API's request bodies as typed values, parsed and validated from JSON
// (SPEC.md "Endpoints", "Errors"). The raw card number and CVV are checked here and dropped:
// nothing past this layer ever holds them.
#include "core/enums.h"
#include "core/jsonfields.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace gw {

struct CreateOrderRequest
{
    qint64 amount = 0;
    QString currency;
    QString receipt;
    QJsonObject notes;

    static Result<CreateOrderRequest> parse(const QByteArray &body);
};

struct CreatePaymentRequest
{
    QString orderId;
    PaymentMethod method = PaymentMethod::Upi;
    QString vpa;         // upi
    QString cardNetwork; // card
    QString cardLast4;   // card

    static Result<CreatePaymentRequest> parse(const QByteArray &body, QDate today);
};

struct CaptureRequest
{
    std::optional<qint64> amount;

    static Result<CaptureRequest> parse(const QByteArray &body);
};

struct CreateRefundRequest
{
    qint64 amount = 0;
    QString reason;

    static Result<CreateRefundRequest> parse(const QByteArray &body);
};

struct WebhookConfigRequest
{
    QString url; // empty: no webhook URL (events are logged, not sent)

    static Result<WebhookConfigRequest> parse(const QByteArray &body);
};

} // namespace gw
