#include "core/requests.h"

#include "core/cardcheck.h"

#include <QUrl>

namespace gw {

namespace {
constexpr qint64 kMinimumOrderAmount = 100;

ApiError cardError(ErrorCode code, const QString &description, const QString &field)
{
    return ApiError{code, description, field};
}

// Checks the card object and keeps only its network and last four digits.
OkOrError readCard(const JsonFields &card, QDate today, CreatePaymentRequest &out)
{
    const QString numberField = card.fieldName(QStringLiteral("number"));
    if (!card.has(QStringLiteral("number")))
        return cardError(ErrorCode::InvalidCard, QStringLiteral("Card number is required"),
                         numberField);
    const QJsonValue number = card.object().value(QStringLiteral("number"));
    const QString digits =
        number.isString() ? cardcheck::normalizedNumber(number.toString()) : QString();
    if (!cardcheck::isValidNumber(digits))
        return cardError(ErrorCode::InvalidCard, QStringLiteral("Card number is invalid"),
                         numberField);

    auto month = card.requiredDigits(QStringLiteral("expiry_month"), 1, 2, ErrorCode::InvalidCard);
    if (!month)
        return month.error();
    auto year = card.requiredDigits(QStringLiteral("expiry_year"), 2, 4, ErrorCode::InvalidCard);
    if (!year)
        return year.error();
    const int m = month->toInt();
    const int y = year->size() == 3 ? 0 : cardcheck::fullYear(year->toInt());
    if (m < 1 || m > 12)
        return cardError(ErrorCode::InvalidCard,
                         QStringLiteral("Expiry month must be between 1 and 12"),
                         card.fieldName(QStringLiteral("expiry_month")));
    if (y == 0)
        return cardError(ErrorCode::InvalidCard,
                         QStringLiteral("Expiry year must have 2 or 4 digits"),
                         card.fieldName(QStringLiteral("expiry_year")));
    if (cardcheck::isExpired(m, y, today))
        return cardError(ErrorCode::ExpiredCard, QStringLiteral("Card has expired"),
                         card.fieldName(y < today.year() ? QStringLiteral("expiry_year")
                                                         : QStringLiteral("expiry_month")));

    const QString network = cardcheck::network(digits);
    const int cvvLength = network == QStringLiteral("amex") ? 4 : 3;
    auto cvv =
        card.requiredDigits(QStringLiteral("cvv"), cvvLength, cvvLength, ErrorCode::InvalidCard);
    if (!cvv)
        return cvv.error();
    auto holder = card.optionalString(QStringLiteral("holder_name"), 255);
    if (!holder)
        return holder.error();

    out.cardNetwork = network;
    out.cardLast4 = digits.right(4);
    return Ok{};
}
} // namespace

Result<CreateOrderRequest> CreateOrderRequest::parse(const QByteArray &body)
{
    auto f = JsonFields::parse(body);
    if (!f)
        return f.error();
    CreateOrderRequest r;
    auto amount = f->requiredAmount(QStringLiteral("amount"), kMinimumOrderAmount);
    if (!amount)
        return amount.error();
    r.amount = amount.value();
    auto currency = f->optionalString(QStringLiteral("currency"), 3);
    if (!currency)
        return currency.error();
    // Left out (or null) means INR; given, even empty, it must be a valid code.
    r.currency = f->has(QStringLiteral("currency")) ? currency.value() : QStringLiteral("INR");
    bool upper = r.currency.size() == 3;
    for (QChar c : r.currency)
        upper = upper && c.unicode() >= 'A' && c.unicode() <= 'Z';
    if (!upper)
        return ApiError::badRequest(QStringLiteral("currency must be three upper-case letters"),
                                    QStringLiteral("currency"));
    auto receipt = f->optionalString(QStringLiteral("receipt"), 255);
    if (!receipt)
        return receipt.error();
    r.receipt = receipt.value();
    auto notes = f->optionalObject(QStringLiteral("notes"));
    if (!notes)
        return notes.error();
    r.notes = notes.value();
    return r;
}

Result<CreatePaymentRequest> CreatePaymentRequest::parse(const QByteArray &body, QDate today)
{
    auto f = JsonFields::parse(body);
    if (!f)
        return f.error();
    CreatePaymentRequest r;
    auto orderId = f->requiredString(QStringLiteral("order_id"), 64);
    if (!orderId)
        return orderId.error();
    r.orderId = orderId.value();
    auto name = f->requiredEnum(QStringLiteral("method"), allStrings<PaymentMethod>());
    if (!name)
        return name.error();
    auto method = fromString<PaymentMethod>(name.value());
    if (!method)
        return method.error();
    r.method = method.value();
    if (r.method == PaymentMethod::Upi) {
        const QJsonValue vpa = f->object().value(QStringLiteral("vpa"));
        if (!vpa.isString() || !cardcheck::isValidVpa(vpa.toString()))
            return ApiError{ErrorCode::InvalidVpa,
                            vpa.isUndefined() || vpa.isNull()
                                ? QStringLiteral("vpa is required for UPI payments")
                                : QStringLiteral("VPA format is invalid"),
                            QStringLiteral("vpa")};
        r.vpa = vpa.toString();
        return r;
    }
    auto card = f->requiredObject(QStringLiteral("card"));
    if (!card)
        return card.error();
    if (auto s = readCard(card.value(), today, r); !s)
        return s.error();
    return r;
}

Result<CaptureRequest> CaptureRequest::parse(const QByteArray &body)
{
    auto f = JsonFields::parse(body, true);
    if (!f)
        return f.error();
    auto amount = f->optionalAmount(QStringLiteral("amount"));
    if (!amount)
        return amount.error();
    return CaptureRequest{amount.value()};
}

Result<CreateRefundRequest> CreateRefundRequest::parse(const QByteArray &body)
{
    auto f = JsonFields::parse(body);
    if (!f)
        return f.error();
    CreateRefundRequest r;
    auto amount = f->requiredAmount(QStringLiteral("amount"));
    if (!amount)
        return amount.error();
    r.amount = amount.value();
    auto reason = f->optionalString(QStringLiteral("reason"), 1000);
    if (!reason)
        return reason.error();
    r.reason = reason.value();
    return r;
}

Result<WebhookConfigRequest> WebhookConfigRequest::parse(const QByteArray &body)
{
    auto f = JsonFields::parse(body);
    if (!f)
        return f.error();
    const QString field = QStringLiteral("url");
    if (!f->object().contains(field))
        return ApiError::badRequest(QStringLiteral("url is required (null removes it)"), field);
    auto url = f->optionalString(field, 2048);
    if (!url)
        return url.error();
    if (url->isEmpty())
        return WebhookConfigRequest{};
    const QUrl parsed(url.value(), QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.isRelative() || parsed.host().isEmpty() ||
        (scheme != QStringLiteral("http") && scheme != QStringLiteral("https")))
        return ApiError::badRequest(QStringLiteral("url must be an absolute http or https URL"),
                                    field);
    return WebhookConfigRequest{url.value()};
}

} // namespace gw
