#pragma once
// Events of any number of merchants written in one statement: their delivery logs in the order
// they were added, due at once for merchants with a webhook URL (the log is the delivery's durable
// record; there is no jobs row for a delivery). The worker's batches
// use it (a payment's created and pending events, then its outcome, for hundreds of payments at
// once). Like Outbox, it runs inside the caller's transaction.
#include "core/enums.h"
#include "core/job.h"
#include "core/result.h"
#include "store/connection.h"

#include <QJsonObject>
#include <QStringList>

namespace gw::store {

// The bytes that are signed and sent: {"id":…,"event":…,"timestamp":…,"data":…} in the contract's
// key order around the canonical data.
QString eventPayload(const QString &eventId, EventType type, const QJsonObject &data);
// The same around data already written canonically (canonicalJson, paymentEventData).
QString eventPayloadOf(const QString &eventId, EventType type, const QByteArray &canonicalData);

class EventBatch
{
public:
    void add(const QString &merchantId, EventType type, const QJsonObject &data);
    void add(const QString &merchantId, EventType type, const QByteArray &canonicalData);
    bool isEmpty() const { return m_logIds.isEmpty(); }
    qsizetype size() const { return m_logIds.size(); }
    // Writes every event; returns the deliveries to push after COMMIT (deliveryJob), in the order
    // added.
    Result<QList<JobRef>> write(Connection &c) const;

private:
    QStringList m_logIds, m_merchantIds, m_eventIds, m_names, m_payloads;
};

} // namespace gw::store
