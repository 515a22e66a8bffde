#include "core/enums.h"

#include <array>
#include <utility>

namespace gw {

namespace {

// Each enum's values with their strings, and what the enum is called in an error.
template <typename E> struct Names;

template <> struct Names<OrderStatus>
{
    static constexpr const char *what = "order status";
    static constexpr std::array<std::pair<OrderStatus, const char *>, 2> table{{
        {OrderStatus::Created, "created"},
        {OrderStatus::Paid, "paid"},
    }};
};

template <> struct Names<PaymentStatus>
{
    static constexpr const char *what = "payment status";
    static constexpr std::array<std::pair<PaymentStatus, const char *>, 3> table{{
        {PaymentStatus::Pending, "pending"},
        {PaymentStatus::Success, "success"},
        {PaymentStatus::Failed, "failed"},
    }};
};

template <> struct Names<PaymentMethod>
{
    static constexpr const char *what = "payment method";
    static constexpr std::array<std::pair<PaymentMethod, const char *>, 2> table{{
        {PaymentMethod::Upi, "upi"},
        {PaymentMethod::Card, "card"},
    }};
};

template <> struct Names<RefundStatus>
{
    static constexpr const char *what = "refund status";
    static constexpr std::array<std::pair<RefundStatus, const char *>, 2> table{{
        {RefundStatus::Pending, "pending"},
        {RefundStatus::Processed, "processed"},
    }};
};

template <> struct Names<EventType>
{
    static constexpr const char *what = "event type";
    static constexpr std::array<std::pair<EventType, const char *>, 7> table{{
        {EventType::PaymentCreated, "payment.created"},
        {EventType::PaymentPending, "payment.pending"},
        {EventType::PaymentSuccess, "payment.success"},
        {EventType::PaymentFailed, "payment.failed"},
        {EventType::RefundCreated, "refund.created"},
        {EventType::RefundProcessed, "refund.processed"},
        {EventType::WebhookTest, "webhook.test"},
    }};
};

template <> struct Names<DeliveryStatus>
{
    static constexpr const char *what = "delivery status";
    static constexpr std::array<std::pair<DeliveryStatus, const char *>, 3> table{{
        {DeliveryStatus::Pending, "pending"},
        {DeliveryStatus::Success, "success"},
        {DeliveryStatus::Failed, "failed"},
    }};
};

template <> struct Names<JobKind>
{
    static constexpr const char *what = "job kind";
    static constexpr std::array<std::pair<JobKind, const char *>, 3> table{{
        {JobKind::Payment, "payment"},
        {JobKind::Refund, "refund"},
        {JobKind::Webhook, "webhook"},
    }};
};

template <typename E> QString name(E value)
{
    for (const auto &[e, text] : Names<E>::table) {
        if (e == value)
            return QLatin1StringView(text).toString();
    }
    return {}; // not reached: every value is in its table (tst_enums)
}

} // namespace

QString stringOf(OrderStatus status)
{
    return name(status);
}

QString stringOf(PaymentStatus status)
{
    return name(status);
}

QString stringOf(PaymentMethod method)
{
    return name(method);
}

QString stringOf(RefundStatus status)
{
    return name(status);
}

QString stringOf(EventType type)
{
    return name(type);
}

QString stringOf(DeliveryStatus status)
{
    return name(status);
}

QString stringOf(JobKind kind)
{
    return name(kind);
}

template <typename E> QStringList allStrings()
{
    QStringList all;
    for (const auto &entry : Names<E>::table)
        all << QLatin1StringView(entry.second).toString();
    return all;
}

template <typename E> Result<E> fromString(const QString &text)
{
    for (const auto &[e, name] : Names<E>::table) {
        if (text == QLatin1StringView(name))
            return e;
    }
    QStringList known = allStrings<E>();
    const QString last = known.takeLast();
    return ApiError::badRequest(
        QStringLiteral("Unknown %1 '%2' (%3 or %4)")
            .arg(QLatin1StringView(Names<E>::what), text, known.join(QStringLiteral(", ")), last));
}

template Result<OrderStatus> fromString<OrderStatus>(const QString &);
template Result<PaymentStatus> fromString<PaymentStatus>(const QString &);
template Result<PaymentMethod> fromString<PaymentMethod>(const QString &);
template Result<RefundStatus> fromString<RefundStatus>(const QString &);
template Result<EventType> fromString<EventType>(const QString &);
template Result<DeliveryStatus> fromString<DeliveryStatus>(const QString &);
template Result<JobKind> fromString<JobKind>(const QString &);
template QStringList allStrings<OrderStatus>();
template QStringList allStrings<PaymentStatus>();
template QStringList allStrings<PaymentMethod>();
template QStringList allStrings<RefundStatus>();
template QStringList allStrings<EventType>();
template QStringList allStrings<DeliveryStatus>();
template QStringList allStrings<JobKind>();

} // namespace gw
