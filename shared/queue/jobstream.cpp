#include "queue/jobstream.h"

#include "core/logging.h"
#include "queue/jobqueue.h"

#include <QMap>

namespace gw::queue {

namespace {

QByteArray delayedMember(const JobRef &j)
{
    // One member per job, so scheduling a job twice keeps one (the earlier, with ZADD LT).
    return j.id.toUtf8() + '|' + stringOf(j.kind).toUtf8() + '|' + j.subjectId.toUtf8();
}

// Each due member becomes a stream entry, and the job's recorded place (gw:jobs:where) with it.
const QByteArray kPromoteScript =
    QByteArrayLiteral("local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', "
                      "0, tonumber(ARGV[2]))\n"
                      "for _, m in ipairs(due) do\n"
                      "  local a = string.find(m, '|', 1, true)\n"
                      "  local b = string.find(m, '|', a + 1, true)\n"
                      "  local id = string.sub(m, 1, a - 1)\n"
                      "  local e = redis.call('XADD', KEYS[2], '*', 'id', id, 'kind', "
                      "string.sub(m, a + 1, b - 1),"
                      " 'subject', string.sub(m, b + 1))\n"
                      "  redis.call('HSET', KEYS[3], id, e)\n"
                      "  redis.call('ZREM', KEYS[1], m)\n"
                      "end\n"
                      "return #due\n");

// ARGV: group, then entry id, job id, … Acknowledges and deletes each entry unless it names
// another job: after a failover, or while two masters took writes at once, an entry id this
// worker read may name another job's entry on the master it settles with, and deleting that one
// would lose it. XACK by pcall: a group Redis lost makes the acknowledgement moot.
const QByteArray kSettleEntriesScript =
    JobQueue::entryLua() + QByteArrayLiteral("local n = 0\n"
                                             "for i = 2, #ARGV, 2 do\n"
                                             "  if entryNames(ARGV[i], ARGV[i + 1]) ~= false then\n"
                                             "    redis.pcall('XACK', KEYS[1], ARGV[1], ARGV[i])\n"
                                             "    redis.call('XDEL', KEYS[1], ARGV[i])\n"
                                             "    n = n + 1\n"
                                             "  end\n"
                                             "end\n"
                                             "return n\n");

bool isNoGroup(const ApiError &e)
{
    return e.description.contains(QStringLiteral("NOGROUP"));
}

} // namespace

QList<QueuedJob> parseEntries(const QVariantList &entries)
{
    QList<QueuedJob> out;
    out.reserve(entries.size());
    for (const QVariant &e : entries) {
        const QVariantList pair = e.toList();
        if (pair.size() != 2)
            continue;
        QueuedJob q;
        q.entryId = pair.at(0).toByteArray();
        const QVariantList fields = pair.at(1).toList();
        QString kind;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            const QByteArray f = fields.at(i).toByteArray();
            const QString v = QString::fromUtf8(fields.at(i + 1).toByteArray());
            if (f == "id")
                q.job.id = v;
            else if (f == "kind")
                kind = v;
            else if (f == "subject")
                q.job.subjectId = v;
        }
        const auto known = fromString<JobKind>(kind);
        if (q.job.id.isEmpty() || q.job.subjectId.isEmpty() || !known) {
            qCWarning(lcQueue) << "skipping malformed stream entry" << q.entryId;
            continue;
        }
        q.job.kind = *known;
        out.append(q);
    }
    return out;
}

OkOrError JobStream::ensureGroup()
{
    auto r =
        m_redis.command({"XGROUP", "CREATE", JobQueue::kStream, JobQueue::kGroup, "0", "MKSTREAM"});
    if (!r && !r.error().description.contains(QStringLiteral("BUSYGROUP")))
        return r.error();
    return Ok{};
}

Result<QList<QueuedJob>> JobStream::withGroup(const QList<QByteArray> &command, bool autoclaim)
{
    auto r = m_redis.command(command);
    if (!r && isNoGroup(r.error())) {
        // Redis restarted without its data: the group is gone. Make it again and retry once.
        if (auto g = ensureGroup(); !g)
            return g.error();
        ++m_groupsRemade;
        r = m_redis.command(command);
    }
    if (!r)
        return r.error();
    if (autoclaim) {
        const QVariantList parts = r->toList();
        if (parts.size() < 2)
            return QList<QueuedJob>{};
        m_claimCursor = parts.at(0).toByteArray();
        return parseEntries(parts.at(1).toList());
    }
    const QVariantList streams = r->toList(); // nil when nothing arrived within blockMs
    if (streams.isEmpty())
        return QList<QueuedJob>{};
    return parseEntries(streams.first().toList().value(1).toList());
}

Result<QList<QueuedJob>> JobStream::read(int count, int blockMs)
{
    QList<QByteArray> cmd{"XREADGROUP", "GROUP", JobQueue::kGroup,
                          m_consumer,   "COUNT", QByteArray::number(count)};
    // The socket time-out must outlast the block, or every quiet read would count as a hung
    // Redis; and it must exist, so that a master that hangs without closing the link is noticed.
    blockMs = std::min(blockMs, m_redis.timeoutMs() / 2);
    if (blockMs > 0)
        cmd << "BLOCK" << QByteArray::number(blockMs);
    cmd << "STREAMS" << JobQueue::kStream << ">";
    return withGroup(cmd, false);
}

Result<QList<QueuedJob>> JobStream::reclaim(int minIdleMs, int count)
{
    return withGroup({"XAUTOCLAIM", JobQueue::kStream, JobQueue::kGroup, m_consumer,
                      QByteArray::number(minIdleMs), m_claimCursor, "COUNT",
                      QByteArray::number(count)},
                     true);
}

OkOrError JobStream::touch(const QList<QByteArray> &entryIds)
{
    for (qsizetype i = 0; i < entryIds.size(); i += 1000) {
        QList<QByteArray> cmd{"XCLAIM", JobQueue::kStream, JobQueue::kGroup, m_consumer, "0"};
        cmd.append(entryIds.mid(i, 1000));
        cmd << "JUSTID";
        auto r = m_redis.command(cmd);
        if (!r && !isNoGroup(r.error()))
            return r.error();
    }
    return Ok{};
}

OkOrError JobStream::settle(const QList<Settlement> &settlements)
{
    // Each job's own state first, in order; then one script that acknowledges and deletes the
    // entries, and one HINCRBY per counter: after each job's state, as before, in a few
    // commands per batch instead of five or six per job.
    QList<QList<QByteArray>> cmds;
    cmds.reserve(settlements.size() * 2 + 8);
    QList<QByteArray> entries{"EVAL", kSettleEntriesScript, "1", JobQueue::kStream,
                              JobQueue::kGroup};
    QMap<QByteArray, int> metrics, stats;
    QList<JobRef> released;
    for (const Settlement &s : settlements) {
        switch (s.action) {
        case Settlement::Action::Finish:
            cmds.append({"HDEL", JobQueue::kWhere, s.job.id.toUtf8()});
            break;
        case Settlement::Action::Delay:
            // In the delayed set, then recorded there, then the entry acknowledged: cut off at
            // any point, the recorded place holds the job, so no sweep appends it beside.
            cmds.append({"ZADD", JobQueue::kDelayed, "LT", QByteArray::number(s.dueMs),
                         delayedMember(s.job)});
            cmds.append({"HSET", JobQueue::kWhere, s.job.id.toUtf8(), delayedMember(s.job)});
            break;
        case Settlement::Action::Release:
            released.append(s.job);
            break;
        case Settlement::Action::Drop:
            break;
        }
        if (!s.entryId.isEmpty())
            entries << s.entryId << s.job.id.toUtf8();
        for (const QByteArray &m : s.metrics)
            ++metrics[m];
        if (!s.stat.isEmpty())
            ++stats[s.stat];
    }
    if (entries.size() > 5)
        cmds.append(entries);
    // Given back through the push's gate once their entries are gone: appended again and
    // recorded, unless another entry of the job is still there.
    for (qsizetype i = 0; i < released.size(); i += 500)
        cmds.append(JobQueue::pushCommand(released.mid(i, 500)));
    for (auto it = metrics.cbegin(); it != metrics.cend(); ++it)
        cmds.append({"HINCRBY", JobQueue::kMetrics, it.key(), QByteArray::number(it.value())});
    for (auto it = stats.cbegin(); it != stats.cend(); ++it)
        cmds.append({"HINCRBY", JobQueue::kStats, it.key(), QByteArray::number(it.value())});
    for (qsizetype i = 0; i < cmds.size(); i += 4000) {
        auto r = m_redis.pipeline(cmds.mid(i, 4000));
        // Only a broken link matters.
        if (!r && r.error().code == ErrorCode::ServiceUnavailable)
            return r.error();
    }
    return Ok{};
}

Result<int> JobStream::promoteDue(qint64 nowMs, int limit)
{
    auto r =
        m_redis.command({"EVAL", kPromoteScript, "3", JobQueue::kDelayed, JobQueue::kStream,
                         JobQueue::kWhere, QByteArray::number(nowMs), QByteArray::number(limit)});
    if (!r)
        return r.error();
    return int(r->toLongLong());
}

} // namespace gw::queue
