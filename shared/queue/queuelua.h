#pragma once
// Lua the job queue's scripts share (JobQueue, JobStream). Every script runs with the same KEYS:
// the stream, gw:jobs:where and the delayed set (evalCommand).
#include <QByteArray>
#include <QList>

namespace gw::queue::lua {

// entryNames(entry id, job id): nil when the entry is gone, else whether it names the job.
QByteArray entryNames();
// many(words, items[, call]): the command `words` followed by `items`, in slices of 1,000 items
// (Lua's unpack stops near 8,000 values); the elements of the replies, in one list. One call per
// batch instead of one per job: each call from a script costs Redis more than the work it asks.
QByteArray many();
// EVAL of `script` with KEYS stream, where, delayed, and `args` as ARGV.
QList<QByteArray> evalCommand(const QByteArray &script, const QList<QByteArray> &args);

} // namespace gw::queue::lua
