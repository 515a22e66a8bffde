#pragma once
// A webhook delivery log as the merchant API shows it: one per event, with its attempts.
#include "core/enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gw {

struct WebhookAttempt
{
    int number = 0;
    QDateTime attemptedAt;
    int responseCode = 0; // 0: no HTTP response
    QString responseBody;
    QString error;
    int durationMs = -1;

    QJsonObject toJson() const;
};

struct WebhookLog
{
    QString id; // uuid
    QString eventId;
    QString event;
    DeliveryStatus status = DeliveryStatus::Pending;
    int attempts = 0;
    QDateTime createdAt;
    QDateTime lastAttemptAt;
    QDateTime nextRetryAt;
    int responseCode = 0; // 0: none yet
    // Detail only:
    QString payload;
    QString responseBody;
    QList<WebhookAttempt> attemptList;

    QJsonObject toJson() const;       // the list entry
    QJsonObject toDetailJson() const; // with payload, response_body and every attempt
};

} // namespace gw
