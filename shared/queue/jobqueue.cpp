#include "queue/jobqueue.h"

#include <QDateTime>
#include <QMap>

namespace gw::queue {

QByteArray JobQueue::pushScript()
{
    return QByteArrayLiteral("local n = 0\n"
                             "for i = 1, #ARGV, 3 do\n"
                             "  if redis.call('SADD', KEYS[2], ARGV[i]) == 1 then\n"
                             "    redis.call('XADD', KEYS[1], '*', 'id', ARGV[i], 'kind', "
                             "ARGV[i+1], 'subject', ARGV[i+2])\n"
                             "    n = n + 1\n"
                             "  end\n"
                             "end\n"
                             "return n\n");
}

Result<int> JobQueue::pushNew(const QList<JobRef> &jobs)
{
    if (jobs.isEmpty())
        return 0;
    static const QByteArray script = pushScript();
    QList<QByteArray> args{"EVAL", script, "2", kStream, kKnown};
    args.reserve(5 + 3 * jobs.size());
    for (const JobRef &j : jobs)
        args << j.id.toUtf8() << stringOf(j.kind).toUtf8() << j.subjectId.toUtf8();
    auto r = m_redis.command(args);
    if (!r)
        return r.error();
    return int(r->toLongLong());
}

OkOrError JobQueue::push(const QList<JobRef> &jobs)
{
    // Large batches go in slices so that one script never holds Redis for long.
    for (qsizetype i = 0; i < jobs.size(); i += 500)
        if (auto r = pushNew(jobs.mid(i, 500)); !r)
            return r.error();
    return Ok{};
}

Result<JobCounts> JobQueue::counts()
{
    // Acknowledged entries are deleted from the stream, so its length is what waits plus what is
    // being processed; XPENDING's summary counts the latter.
    auto r = m_redis.pipeline({
        {"XLEN", kStream},
        {"ZCARD", kDelayed},
        {"HMGET", kStats, "completed", "failed"},
        {"EXISTS", kStream},
    });
    if (!r)
        return r.error();
    JobCounts c;
    qint64 processing = 0;
    if (r->at(3).toLongLong() > 0) {
        auto p = m_redis.command({"XPENDING", kStream, kGroup});
        // NOGROUP before the first worker created the group: nothing is being processed.
        if (p && p->typeId() == QMetaType::QVariantList && !p->toList().isEmpty())
            processing = p->toList().first().toLongLong();
    }
    c.processing = processing;
    c.queued = std::max<qint64>(0, r->at(0).toLongLong() - processing);
    c.delayed = r->at(1).toLongLong();
    c.pending = c.queued + c.delayed;
    const QVariantList stats = r->at(2).toList();
    c.completed = stats.value(0).toLongLong();
    c.failed = stats.value(1).toLongLong();
    return c;
}

Result<double> JobQueue::oldestQueuedAge()
{
    // The group's last-delivered id splits the stream: entries after it wait for a worker. An
    // entry id is "<ms>-<seq>", the time it was appended.
    QByteArray after = "-";
    auto groups = m_redis.command({"XINFO", "GROUPS", kStream});
    if (groups && groups->typeId() == QMetaType::QVariantList)
        for (const QVariant &g : groups->toList()) {
            const QVariantList fields = g.toList();
            QMap<QByteArray, QVariant> info;
            for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
                info.insert(fields.at(i).toByteArray(), fields.at(i + 1));
            if (info.value("name").toByteArray() == kGroup)
                after = '(' + info.value("last-delivered-id").toByteArray();
        }
    // No group yet: the first entry, if any, is the oldest (no stream at all: an empty range).
    auto first = m_redis.command({"XRANGE", kStream, after, "+", "COUNT", "1"});
    if (!first)
        return first.error();
    const QVariantList entries = first->toList();
    if (entries.isEmpty())
        return 0.0;
    const QByteArray id = entries.first().toList().value(0).toByteArray();
    const qint64 ms = id.left(id.indexOf('-')).toLongLong();
    return std::max(0.0, double(QDateTime::currentMSecsSinceEpoch() - ms) / 1000.0);
}

} // namespace gw::queue
