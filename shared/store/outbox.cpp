#include "store/outbox.h"

#include "core/ids.h"
#include "store/eventbatch.h"
#include "store/sql.h"

namespace gw::store {

Result<JobRef> Outbox::addJob(JobKind kind, const QString &subjectId, const QDateTime &runAt)
{
    JobRef job{ids::job(), kind, subjectId};
    auto q = exec(m_c,
                  QStringLiteral("INSERT INTO jobs (id, kind, subject_id, run_at)"
                                 " VALUES (?, ?, ?, coalesce(?::timestamptz, now()))"),
                  {job.id, stringOf(kind), subjectId,
                   runAt.isValid() ? QVariant(runAt.toUTC().toString(Qt::ISODateWithMs))
                                   : QVariant(QMetaType(QMetaType::QString))});
    if (!q)
        return q.error();
    return job;
}

Result<std::optional<JobRef>> Outbox::addEvent(const QString &merchantId, EventType type,
                                               const QJsonObject &data)
{
    auto jobs = addEvents(merchantId, {{type, data}});
    if (!jobs)
        return jobs.error();
    if (jobs->isEmpty())
        return std::optional<JobRef>{};
    return std::optional<JobRef>(jobs->first());
}

Result<QList<JobRef>> Outbox::addEvents(const QString &merchantId,
                                        const QList<std::pair<EventType, QJsonObject>> &events)
{
    EventBatch batch;
    for (const auto &[type, data] : events)
        batch.add(merchantId, type, data);
    return batch.write(m_c);
}

} // namespace gw::store
