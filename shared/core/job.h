#pragma once
// A reference to a job: the row in the `jobs` table (the durable outbox) and the message on the
// Redis queue carry the same three fields. Its kind's string is in core/enums.
#include "core/enums.h"

#include <QString>

namespace gw {

struct JobRef
{
    QString id; // job_…
    JobKind kind = JobKind::Payment;
    QString subjectId; // pay_…, rfnd_…, or the webhook delivery log's uuid
};

} // namespace gw
