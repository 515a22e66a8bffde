#pragma once
// An order: what the merchant wants to be paid. Its JSON field names live here and only here.
#include "core/enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace gw {

struct Order
{
    QString id;
    QString merchantId;
    qint64 amount = 0;
    QString currency = QStringLiteral("INR");
    QString receipt; // null in JSON when empty
    QJsonObject notes;
    OrderStatus status = OrderStatus::Created;
    QDateTime createdAt;
    bool livemode = false;

    QJsonObject toJson() const;
};

struct LivePayment;
// GET /orders/{id}/public: the order and its live payment ("live_payment", null when none).
QJsonObject publicOrderJson(const Order &order, const std::optional<LivePayment> &live);

} // namespace gw
