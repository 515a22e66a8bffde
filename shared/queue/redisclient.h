#pragma once
// A synchronous Redis connection to the master, owned by one thread. Where the master is comes
// from MasterLocator (REDIS_URL, or the Sentinels). The client leaves the server it talks to and
// asks again on the next call when the link breaks or times out, when a reply says the server is
// not the master (READONLY, UNBLOCKED), and when Sentinel announces a +switch-master; with
// Sentinels it checks ROLE on every new connection. So a Redis restart or failover heals without
// a process restart.
#include "core/result.h"
#include "core/urls.h"
#include "queue/masterlocator.h"
#include "queue/redislink.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>

namespace gw::queue {

class RedisClient
{
public:
    explicit RedisClient(const RedisParams &params, int timeoutMs = 2000);
    // For tests: links opened by `open` (fakes) instead of hiredis.
    RedisClient(const RedisParams &params, LinkOpener open, int timeoutMs);
    RedisClient(const RedisClient &) = delete;
    RedisClient &operator=(const RedisClient &) = delete;

    // Runs one command given as its words, e.g. {"SET", key, value}.
    Result<Reply> command(const QList<QByteArray> &args);
    // Sends several commands in one round trip; fails as a whole if the link fails.
    Result<QList<Reply>> pipeline(const QList<QList<QByteArray>> &commands);
    bool ping();

    // Every read and write waits at most this long (a blocking command must block for less).
    int timeoutMs() const { return m_timeoutMs; }
    // Why the last failed call failed (for /health); empty after a call that reached Redis.
    QString lastFailure() const { return m_lastFailure; }
    // True when the last call failed because the Sentinels named no master.
    bool noMaster() const { return m_noMaster; }
    // How often the client found the master at another address than before (a failover):
    // what the old master had not yet replicated may be missing on the new one.
    quint64 masterChanges() const { return m_masterChanges; }

private:
    Result<QList<Reply>> pipelineOnce(const QList<QList<QByteArray>> &commands);
    OkOrError ensureConnected();
    ApiError fail(const QString &why, bool noMaster = false);

    RedisParams m_params;
    int m_timeoutMs;
    LinkOpener m_open;
    MasterLocator m_locator;
    std::unique_ptr<RedisLink> m_link;
    HostPort m_server; // what m_link is connected to
    QString m_lastFailure;
    bool m_noMaster = false;
    quint64 m_masterChanges = 0;
};

} // namespace gw::queue
