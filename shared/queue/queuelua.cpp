#include "queue/queuelua.h"

#include "queue/jobqueue.h"

namespace gw::queue::lua {

QByteArray entryNames()
{
    return QByteArrayLiteral("local function entryNames(at, id)\n"
                             "  local e = redis.call('XRANGE', KEYS[1], at, at)[1]\n"
                             "  if not e then return nil end\n"
                             "  for f = 1, #e[2] - 1, 2 do\n"
                             "    if e[2][f] == 'id' then return e[2][f + 1] == id end\n"
                             "  end\n"
                             "  return false\n"
                             "end\n");
}

QByteArray many()
{
    return QByteArrayLiteral("local function many(words, items, call)\n"
                             "  local out = {}\n"
                             "  for s = 1, #items, 1000 do\n"
                             "    local args = {unpack(words)}\n"
                             "    for k = s, math.min(s + 999, #items) do\n"
                             "      args[#args + 1] = items[k]\n"
                             "    end\n"
                             "    local r = (call or redis.call)(unpack(args))\n"
                             "    if type(r) == 'table' then\n"
                             "      for k = 1, #r do out[#out + 1] = r[k] end\n"
                             "    end\n"
                             "  end\n"
                             "  return out\n"
                             "end\n");
}

QList<QByteArray> evalCommand(const QByteArray &script, const QList<QByteArray> &args)
{
    QList<QByteArray> cmd{
        "EVAL", script, "3", JobQueue::kStream, JobQueue::kWhere, JobQueue::kDelayed};
    cmd.append(args);
    return cmd;
}

} // namespace gw::queue::lua
