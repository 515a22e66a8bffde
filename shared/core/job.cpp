#include "core/job.h"

namespace gw {

QString jobKindName(JobKind kind)
{
    switch (kind) {
    case JobKind::Payment:
        return QStringLiteral("payment");
    case JobKind::Refund:
        return QStringLiteral("refund");
    case JobKind::Webhook:
        return QStringLiteral("webhook");
    }
    return {};
}

bool jobKindFromName(const QString &name, JobKind &out)
{
    for (JobKind k : {JobKind::Payment, JobKind::Refund, JobKind::Webhook}) {
        if (jobKindName(k) == name) {
            out = k;
            return true;
        }
    }
    return false;
}

} // namespace gw
