#include "store/eventbatch.h"

#include "core/canonicaljson.h"
#include "core/ids.h"
#include "store/pgarray.h"
#include "store/sql.h"
#include "store/statements.h"

#include <QDateTime>
#include <QSet>
#include <QUuid>

namespace gw::store {

QString eventPayload(const QString &eventId, EventType type, const QJsonObject &data)
{
    return eventPayloadOf(eventId, type, canonicalJson(data));
}

QString eventPayloadOf(const QString &eventId, EventType type, const QByteArray &canonicalData)
{
    QByteArray out;
    out.reserve(canonicalData.size() + 96);
    out.append("{\"id\":");
    appendCanonicalString(eventId, out);
    out.append(",\"event\":");
    appendCanonicalString(stringOf(type), out);
    out.append(",\"timestamp\":")
        .append(QByteArray::number(QDateTime::currentSecsSinceEpoch()))
        .append(",\"data\":")
        .append(canonicalData)
        .append('}');
    return QString::fromUtf8(out);
}

void EventBatch::add(const QString &merchantId, EventType type, const QJsonObject &data)
{
    add(merchantId, type, canonicalJson(data));
}

void EventBatch::add(const QString &merchantId, EventType type, const QByteArray &canonicalData)
{
    const QString eventId = ids::event();
    m_logIds << QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_merchantIds << merchantId;
    m_eventIds << eventId;
    m_names << stringOf(type);
    m_payloads << eventPayloadOf(eventId, type, canonicalData);
}

Result<QList<JobRef>> EventBatch::write(Connection &c) const
{
    QList<JobRef> jobs;
    if (isEmpty())
        return jobs;
    // The logs, in the order added (sql/event_batch.sql).
    static const QString sql = statement(u"event_batch");
    auto q = exec(c, sql,
                  {pgArray(m_logIds), pgArray(m_merchantIds), pgArray(m_eventIds), pgArray(m_names),
                   pgArray(m_payloads)});
    if (!q)
        return q.error();
    QSet<QString> sent;
    qsizetype logs = 0;
    while (q->next()) {
        logs = q->value(0).toLongLong();
        if (!q->value(1).isNull())
            sent.insert(q->value(1).toString());
    }
    if (logs != m_logIds.size())
        return ApiError::server(QStringLiteral("event for unknown merchant"));
    for (const QString &logId : m_logIds)
        if (sent.contains(logId))
            jobs.append(deliveryJob(logId));
    return jobs;
}

} // namespace gw::store
