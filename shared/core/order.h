#pragma once
// An order: what the merchant wants to be paid. Its JSON field names live here and only here.
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

struct Order
{
    QString id;
    QString merchantId;
    qint64 amount = 0;
    QString currency = QStringLiteral("INR");
    QString receipt; // null in JSON when empty
    QJsonObject notes;
    QString status = QStringLiteral("created");
    QDateTime createdAt;
    bool livemode = false;

    QJsonObject toJson() const;
};

} // namespace gw
