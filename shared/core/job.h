#pragma once
// A reference to a job: the message on the Redis queue, and the durable record it stands for. A
// payment or refund job is a row of the `jobs` table (the outbox); a webhook delivery's durable
// record is its delivery log itself (`webhook_logs`, pending with a due time; migration 072). Its
// kind's string is in core/enums.
#include "core/enums.h"

#include <QString>

namespace gw {

struct JobRef
{
    QString id; // job_…, or a delivery log's uuid (deliveryJob)
    JobKind kind = JobKind::Payment;
    QString subjectId; // pay_…, rfnd_…, or the webhook delivery log's uuid
};

// The queue entry of a delivery log that is due: named by the log, so the API's push and every
// sweeper's push of one log are one entry (JobQueue::pushNew, gw:jobs:where).
inline JobRef deliveryJob(const QString &logId)
{
    return JobRef{logId, JobKind::Webhook, logId};
}

} // namespace gw
