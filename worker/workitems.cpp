#include "worker/workitems.h"

namespace gw::worker {

void registerWorkItemTypes()
{
    qRegisterMetaType<QList<queue::QueuedJob>>();
    qRegisterMetaType<QList<queue::Settlement>>();
    qRegisterMetaType<QList<JobRef>>();
    qRegisterMetaType<QList<PaymentWork>>();
    qRegisterMetaType<QList<DeliveryWork>>();
    qRegisterMetaType<QList<AttemptWork>>();
}

} // namespace gw::worker
