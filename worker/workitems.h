#pragma once
// What the worker's three threads hand each other (by queued signals): a job held from the
// stream, and the stages of a webhook attempt. Every item keeps its stream entry id, so that
// whoever finishes it can settle (acknowledge) exactly that entry.
#include "queue/jobstream.h"
#include "store/deliverystore.h"

#include <QList>
#include <QMetaType>

namespace gw::worker {

struct PaymentWork
{
    queue::QueuedJob queued;
    double draw = 0; // uniform [0, 1), drawn when the job arrived
};

struct DeliveryWork
{
    QByteArray entryId;
    store::Delivery delivery;
};

struct AttemptWork
{
    QByteArray entryId;
    store::AttemptOutcome outcome;
};

void registerWorkItemTypes();

} // namespace gw::worker

Q_DECLARE_METATYPE(gw::queue::QueuedJob)
Q_DECLARE_METATYPE(gw::queue::Settlement)
Q_DECLARE_METATYPE(gw::JobRef)
Q_DECLARE_METATYPE(gw::worker::PaymentWork)
Q_DECLARE_METATYPE(gw::worker::DeliveryWork)
Q_DECLARE_METATYPE(gw::worker::AttemptWork)
