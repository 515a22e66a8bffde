#pragma once
// The transactional outbox. Called inside the caller's transaction, so a job or event commits
// together with the object it concerns, or not at all. After COMMIT the caller pushes the
// returned JobRefs to Redis (queue::JobQueue::push); if that fails, the worker's sweeper finds the
// queued rows and pushes them, so nothing committed is ever lost.
#include "core/enums.h"
#include "core/job.h"
#include "core/result.h"
#include "store/connection.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace gw::store {

class Outbox
{
public:
    explicit Outbox(Connection &c) : m_c(c) {}

    // A job row in state 'queued', due at runAt (now when invalid).
    Result<JobRef> addJob(JobKind kind, const QString &subjectId, const QDateTime &runAt = {});

    // Records an event for a merchant: a webhook delivery log holding the exact payload
    // {"id":"evt_…","event":…,"timestamp":…,"data":data} and, when the merchant has a webhook URL,
    // a webhook job for that log. Without a URL the event is logged and not sent (SPEC.md).
    Result<std::optional<JobRef>> addEvent(const QString &merchantId, EventType type,
                                           const QJsonObject &data);

    // Several events of one merchant, in this order, in one statement (store::EventBatch): their
    // logs and, when the merchant has a webhook URL, their webhook jobs (returned in that order).
    Result<QList<JobRef>> addEvents(const QString &merchantId,
                                    const QList<std::pair<EventType, QJsonObject>> &events);

private:
    Connection &m_c;
};

} // namespace gw::store
