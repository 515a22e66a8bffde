#pragma once
// A refund of part or all of a successful payment.
#include "core/enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

struct Refund
{
    QString id;
    QString paymentId;
    QString merchantId; // not part of the JSON
    qint64 amount = 0;
    QString reason;
    RefundStatus status = RefundStatus::Pending;
    QDateTime createdAt;
    QDateTime processedAt; // invalid until processed
    bool livemode = false;

    QJsonObject toJson() const;
};

} // namespace gw
