#pragma once
// Redis under Sentinel on loopback for the suites that fail Redis over: three redis-server (a
// master and two replicas) and three Sentinels watching them (quorum 2, master name "gateway"),
// on free ports, in a folder of the caller's. The Sentinels judge a silent master down after
// 1 s, so a failover takes a few seconds.
#include "support/managedprocess.h"

#include <QMap>
#include <QString>
#include <array>
#include <memory>

namespace gw::test {

class RedisSentinels
{
public:
    static constexpr int kNodes = 3;

    explicit RedisSentinels(QString dir) : m_dir(std::move(dir)) {}

    // Starts the nodes and the Sentinels and waits until every Sentinel knows both replicas and
    // the other Sentinels. Empty, or what failed.
    QString start();
    // REDIS_SENTINELS and REDIS_MASTER_NAME for the processes under test (and a REDIS_URL that
    // points nowhere, so a process that ignored the Sentinels could not work).
    QMap<QString, QString> environment() const;
    // The node the Sentinels name master now (asked of the first that answers); -1 when none.
    int master() const;
    // Waits until every Sentinel names a master other than `node`; that master's index, or -1.
    int waitForMasterOtherThan(int node, int timeoutMs) const;
    qint64 pid(int node) const { return m_nodes.at(node)->pid(); }
    quint16 port(int node) const { return m_ports.at(node); }
    void kill9(int node) { m_nodes.at(node)->kill9(); }

private:
    QString startNode(int node);
    int masterSeenBy(int sentinel) const;

    QString m_dir;
    std::array<quint16, kNodes> m_ports{};
    std::array<quint16, kNodes> m_sentinelPorts{};
    std::array<std::unique_ptr<ManagedProcess>, kNodes> m_nodes;
    std::array<std::unique_ptr<ManagedProcess>, kNodes> m_sentinels;
};

} // namespace gw::test
