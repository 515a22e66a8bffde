#include "queue/jobqueue.h"

#include "queue/jobstream.h"
#include "queue/queuelua.h"

#include <QDateTime>
#include <QMap>

namespace gw::queue {

namespace {

// alive(id, at): whether the place recorded for a job still holds it: a stream entry that names
// the job (an id the stream reuses after losing its data, or that a second master made at the
// same millisecond, names another), or a member still in the delayed set. An entry in a
// consumer's pending list is still in the stream. O(log n) each.
const QByteArray kAliveLua =
    lua::entryNames() +
    QByteArrayLiteral("local function alive(id, at)\n"
                      "  if not at then return false end\n"
                      "  if string.find(at, '|', 1, true) then\n"
                      "    return redis.call('ZSCORE', KEYS[3], at) ~= false\n"
                      "  end\n"
                      "  if not string.match(at, '^%d+%-%d+$') then return false end\n"
                      "  return entryNames(at, id) == true\n"
                      "end\n");

// ARGV: id, kind, subject, … Appends each job whose recorded place is gone, records its entry.
// The places are read in one HMGET and the new ones written in one HSET; a job twice in the
// batch is appended at most once.
const QByteArray kPushScript =
    kAliveLua + lua::many() +
    QByteArrayLiteral(
        "local ids = {}\n"
        "for i = 1, #ARGV, 3 do ids[#ids + 1] = ARGV[i] end\n"
        "local at = many({'HMGET', KEYS[2]}, ids)\n"
        "local appended, record = {}, {}\n"
        "for j = 1, #ids do\n"
        "  local i, id = 3 * j - 2, ids[j]\n"
        "  if not appended[id] and not alive(id, at[j]) then\n"
        "    record[#record + 1] = id\n"
        "    record[#record + 1] = redis.call('XADD', KEYS[1], '*', 'id', id, 'kind', ARGV[i + 1], "
        "'subject', ARGV[i + 2])\n"
        "    appended[id] = true\n"
        "  end\n"
        "end\n"
        "many({'HSET', KEYS[2]}, record)\n"
        "return #record / 2\n");

// ARGV: id, place, … Records each place that still holds its job, unless the job's recorded
// place is alive too.
const QByteArray kAdoptScript =
    kAliveLua + QByteArrayLiteral("local n = 0\n"
                                  "for i = 1, #ARGV, 2 do\n"
                                  "  if alive(ARGV[i], ARGV[i+1]) and "
                                  "not alive(ARGV[i], redis.call('HGET', KEYS[2], ARGV[i])) then\n"
                                  "    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i+1])\n"
                                  "    n = n + 1\n"
                                  "  end\n"
                                  "end\n"
                                  "return n\n");

constexpr int kAdoptPage = 1000;

} // namespace

QList<QByteArray> JobQueue::pushCommand(const QList<JobRef> &jobs)
{
    QList<QByteArray> args;
    args.reserve(3 * jobs.size());
    for (const JobRef &j : jobs)
        args << j.id.toUtf8() << stringOf(j.kind).toUtf8() << j.subjectId.toUtf8();
    return lua::evalCommand(kPushScript, args);
}

Result<int> JobQueue::pushNew(const QList<JobRef> &jobs)
{
    if (jobs.isEmpty())
        return 0;
    auto r = m_redis.command(pushCommand(jobs));
    if (!r)
        return r.error();
    return int(r->toLongLong());
}

OkOrError JobQueue::adoptKnownSet()
{
    auto old = m_redis.command({"EXISTS", kKnownSet});
    if (!old)
        return old.error();
    if (old->toLongLong() == 0)
        return Ok{};
    const auto adopt = [this](const QList<QByteArray> &places) -> OkOrError {
        if (places.isEmpty())
            return Ok{};
        auto r = m_redis.command(lua::evalCommand(kAdoptScript, places));
        if (!r)
            return r.error();
        return Ok{};
    };
    // The stream's entries, waiting or held by a worker.
    QByteArray from = "-";
    for (;;) {
        auto page = m_redis.command(
            {"XRANGE", kStream, from, "+", "COUNT", QByteArray::number(kAdoptPage)});
        if (!page)
            return page.error();
        const QVariantList entries = page->toList();
        QList<QByteArray> places;
        for (const QueuedJob &q : parseEntries(entries))
            places << q.job.id.toUtf8() << q.entryId;
        if (auto a = adopt(places); !a)
            return a.error();
        if (entries.size() < kAdoptPage)
            break;
        from = '(' + entries.last().toList().value(0).toByteArray();
    }
    // The delayed set's members (ZSCAN returns every member that stays in the set throughout).
    QByteArray cursor = "0";
    do {
        auto page =
            m_redis.command({"ZSCAN", kDelayed, cursor, "COUNT", QByteArray::number(kAdoptPage)});
        if (!page)
            return page.error();
        const QVariantList parts = page->toList();
        cursor = parts.value(0).toByteArray();
        const QVariantList pairs = parts.value(1).toList();
        QList<QByteArray> places;
        for (qsizetype i = 0; i + 1 < pairs.size(); i += 2) {
            const QByteArray member = pairs.at(i).toByteArray();
            if (const qsizetype bar = member.indexOf('|'); bar > 0)
                places << member.left(bar) << member;
        }
        if (auto a = adopt(places); !a)
            return a.error();
    } while (!cursor.isEmpty() && cursor != "0");
    auto del = m_redis.command({"DEL", kKnownSet});
    if (!del)
        return del.error();
    return Ok{};
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
