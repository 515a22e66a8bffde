#include "queue/jobstream.h"

#include "core/logging.h"
#include "queue/jobqueue.h"
#include "queue/queuelua.h"

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

// ARGV: group, then per settlement: entry id ('' for none), job id, what ('finish', 'delay', or
// 'ack' for the entry alone), due ms and delayed member (for 'delay', else ''). Each job's state
// (its delayed member, its recorded place) and the entries' removal in one atomic step, each kind
// of command once per batch. An entry is acknowledged and deleted only if it names the job: after
// a failover, or while two masters took writes at once, an entry id this worker read may name
// another job's entry on the master it settles with, and deleting that one would lose it. The
// entry the job's recorded place names is the job's without reading it: the script that appended
// an entry recorded it, a stream never hands out an id twice, and the two keys are lost or kept
// together (one data set, scripts replicated whole). XACK by pcall: a group Redis lost makes the
// acknowledgement moot.
const QByteArray kSettleScript =
    lua::entryNames() + lua::many() +
    QByteArrayLiteral(
        "local ids = {}\n"
        "for i = 2, #ARGV, 5 do ids[#ids + 1] = ARGV[i + 1] end\n"
        "local at = many({'HMGET', KEYS[2]}, ids)\n"
        "local acks, delays, place, order = {}, {}, {}, {}\n"
        "for j = 1, #ids do\n"
        "  local i, id = 5 * j - 3, ids[j]\n"
        "  local entry, what = ARGV[i], ARGV[i + 2]\n"
        "  if entry ~= '' and (at[j] == entry or entryNames(entry, id) ~= false) then\n"
        "    acks[#acks + 1] = entry\n"
        "  end\n"
        "  if what ~= 'ack' then\n"
        "    if place[id] == nil then order[#order + 1] = id end\n"
        "    place[id] = what == 'delay' and ARGV[i + 4]\n"
        "  end\n"
        "  if what == 'delay' then\n"
        "    delays[#delays + 1] = ARGV[i + 3]\n"
        "    delays[#delays + 1] = ARGV[i + 4]\n"
        "  end\n"
        "end\n"
        "local record, forget = {}, {}\n"
        "for _, id in ipairs(order) do\n"
        "  if place[id] then\n"
        "    record[#record + 1] = id\n"
        "    record[#record + 1] = place[id]\n"
        "  else\n"
        "    forget[#forget + 1] = id\n"
        "  end\n"
        "end\n"
        "many({'ZADD', KEYS[3], 'LT'}, delays)\n"
        "many({'HSET', KEYS[2]}, record)\n"
        "many({'HDEL', KEYS[2]}, forget)\n"
        "many({'XACK', KEYS[1], ARGV[1]}, acks, redis.pcall)\n"
        "many({'XDEL', KEYS[1]}, acks)\n"
        "return #acks\n");

constexpr qsizetype kSettleBatch = 500; // settlements per script: keeps one script short

QByteArray whatOf(Settlement::Action a)
{
    switch (a) {
    case Settlement::Action::Finish:
        return "finish";
    case Settlement::Action::Delay:
        return "delay";
    case Settlement::Action::Release:
    case Settlement::Action::Drop:
        break;
    }
    return "ack";
}

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
    // Each slice's states and entries in one script; then the released jobs through the push's
    // gate (appended again and recorded once their entries are gone, unless another entry of the
    // job is still there); then one HINCRBY per counter. One round trip for all of it.
    QList<QList<QByteArray>> cmds;
    QMap<QByteArray, int> metrics, stats;
    QList<JobRef> released;
    for (qsizetype from = 0; from < settlements.size(); from += kSettleBatch) {
        QList<QByteArray> args{JobQueue::kGroup};
        for (const Settlement &s : settlements.mid(from, kSettleBatch)) {
            const bool delay = s.action == Settlement::Action::Delay;
            args << s.entryId << s.job.id.toUtf8() << whatOf(s.action)
                 << (delay ? QByteArray::number(s.dueMs) : QByteArray())
                 << (delay ? delayedMember(s.job) : QByteArray());
            if (s.action == Settlement::Action::Release)
                released.append(s.job);
            for (const QByteArray &m : s.metrics)
                ++metrics[m];
            if (!s.stat.isEmpty())
                ++stats[s.stat];
        }
        cmds.append(lua::evalCommand(kSettleScript, args));
    }
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
