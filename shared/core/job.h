#pragma once
// A reference to a job: the row in the `jobs` table (the durable outbox) and the message on the
// Redis queue carry the same three fields.
#include <QString>

namespace gw {

enum class JobKind { Payment, Refund, Webhook };

struct JobRef
{
    QString id; // job_…
    JobKind kind = JobKind::Payment;
    QString subjectId; // pay_…, rfnd_…, or the webhook delivery log's uuid
};

QString jobKindName(JobKind kind); // "payment" | "refund" | "webhook"
bool jobKindFromName(const QString &name, JobKind &out);

} // namespace gw
