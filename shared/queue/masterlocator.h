#pragma once
// Where the Redis master is: the one place that knows. With a plain REDIS_URL it is that host;
// with REDIS_SENTINELS it is what the first Sentinel that answers says
// (SENTINEL get-master-addr-by-name), that Sentinel going to the front of the list for next
// time. The link to it stays subscribed to +switch-master, so a failover is noticed on the next
// call even when the old master still answers (a partition, a master demoted by hand).
#include "core/urls.h"
#include "queue/redislink.h"

#include <QDeadlineTimer>

namespace gw::queue {

class MasterLocator
{
public:
    MasterLocator(const RedisParams &params, LinkOpener open, int timeoutMs);

    bool usesSentinels() const { return !m_sentinels.isEmpty(); }
    // The master's address, asked afresh of the Sentinels; an error (ServiceUnavailable) says
    // what each Sentinel answered when none names a master.
    Result<HostPort> locate();
    // True when the master moved since the last locate(): a +switch-master for our master name
    // arrived, or the Sentinel link broke and another Sentinel names another master (asked at
    // most once a second). Never waits on the network beyond that one question.
    bool moved();

private:
    static constexpr int kAskAgainMs = 1000;

    QList<HostPort> m_sentinels; // the one that answered last first
    QByteArray m_name;
    HostPort m_fixed; // without Sentinels
    LinkOpener m_open;
    int m_timeoutMs;
    std::unique_ptr<RedisLink> m_subscription;
    QDeadlineTimer m_askAgain;
    HostPort m_master;
};

} // namespace gw::queue
