#include "support/redissentinels.h"

#include "queue/redisclient.h"
#include "support/eventually.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTcpServer>

namespace gw::test {

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

RedisParams at(quint16 port)
{
    RedisParams p;
    p.host = QStringLiteral("127.0.0.1");
    p.port = port;
    return p;
}

// SENTINEL MASTER's reply is a flat list of field, value, …
QString fieldOf(const QVariantList &flat, const QByteArray &name)
{
    for (qsizetype i = 0; i + 1 < flat.size(); i += 2)
        if (flat.at(i).toByteArray() == name)
            return QString::fromUtf8(flat.at(i + 1).toByteArray());
    return {};
}
} // namespace

QString RedisSentinels::startNode(int node)
{
    QStringList args{QStringLiteral("--port"),
                     QString::number(m_ports[node]),
                     QStringLiteral("--bind"),
                     QStringLiteral("127.0.0.1"),
                     QStringLiteral("--save"),
                     QString(),
                     QStringLiteral("--appendonly"),
                     QStringLiteral("no"),
                     QStringLiteral("--repl-diskless-sync-delay"),
                     QStringLiteral("0"),
                     QStringLiteral("--dbfilename"),
                     QStringLiteral("node%1.rdb").arg(node),
                     QStringLiteral("--dir"),
                     m_dir};
    if (node != 0)
        args << QStringLiteral("--replicaof") << QStringLiteral("127.0.0.1")
             << QString::number(m_ports[0]);
    m_nodes[node] = std::make_unique<ManagedProcess>();
    if (!m_nodes[node]->start(QStringLiteral("redis-server"), args,
                              QProcessEnvironment::systemEnvironment()) ||
        m_nodes[node]
            ->waitForOutput(QRegularExpression(QStringLiteral("Ready to accept connections")))
            .isEmpty())
        return QStringLiteral("redis-server %1 did not start: %2")
            .arg(node)
            .arg(m_nodes[node]->output().right(400));
    return {};
}

QString RedisSentinels::start()
{
    for (int i = 0; i < kNodes; ++i) {
        m_ports[i] = freePort();
        m_sentinelPorts[i] = freePort();
    }
    for (int i = 0; i < kNodes; ++i)
        if (auto e = startNode(i); !e.isEmpty())
            return e;
    for (int i = 0; i < kNodes; ++i) {
        // A Sentinel rewrites its configuration file, so each has its own.
        const QString conf = m_dir + QStringLiteral("/sentinel%1.conf").arg(i);
        QFile f(conf);
        if (!f.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write ") + conf;
        f.write(QStringLiteral("port %1\nbind 127.0.0.1\ndir %2\n"
                               "sentinel monitor gateway 127.0.0.1 %3 2\n"
                               "sentinel down-after-milliseconds gateway 1000\n"
                               "sentinel failover-timeout gateway 10000\n"
                               "sentinel parallel-syncs gateway 2\n")
                    .arg(m_sentinelPorts[i])
                    .arg(m_dir)
                    .arg(m_ports[0])
                    .toUtf8());
        f.close();
        m_sentinels[i] = std::make_unique<ManagedProcess>();
        if (!m_sentinels[i]->start(QStringLiteral("redis-server"),
                                   {conf, QStringLiteral("--sentinel")},
                                   QProcessEnvironment::systemEnvironment()))
            return QStringLiteral("redis-server --sentinel did not start");
    }
    // Every Sentinel knows the two replicas and the two other Sentinels (needed for a vote).
    QDeadlineTimer deadline(30000);
    for (int i = 0; i < kNodes; ++i) {
        QString state;
        const bool ready = eventually(
            [&] {
                queue::RedisClient s(at(m_sentinelPorts[i]), 500);
                auto r = s.command({"SENTINEL", "MASTER", "gateway"});
                const QVariantList flat = r ? r->toList() : QVariantList{};
                state = QStringLiteral("replicas %1, other sentinels %2")
                            .arg(fieldOf(flat, "num-slaves"), fieldOf(flat, "num-other-sentinels"));
                return fieldOf(flat, "num-slaves") == QStringLiteral("2") &&
                       fieldOf(flat, "num-other-sentinels") == QStringLiteral("2");
            },
            int(deadline.remainingTime()));
        if (!ready)
            return QStringLiteral("Sentinel %1 is not ready: %2 %3")
                .arg(i)
                .arg(state, m_sentinels[i]->output().right(400));
    }
    return {};
}

QMap<QString, QString> RedisSentinels::environment() const
{
    QStringList list;
    for (quint16 p : m_sentinelPorts)
        list << QStringLiteral("127.0.0.1:%1").arg(p);
    return {{QStringLiteral("REDIS_SENTINELS"), list.join(QLatin1Char(','))},
            {QStringLiteral("REDIS_MASTER_NAME"), QStringLiteral("gateway")},
            {QStringLiteral("REDIS_URL"), QStringLiteral("redis://127.0.0.1:1")}};
}

int RedisSentinels::masterSeenBy(int sentinel) const
{
    queue::RedisClient s(at(m_sentinelPorts[sentinel]), 500);
    auto r = s.command({"SENTINEL", "get-master-addr-by-name", "gateway"});
    const int port = r ? r->toList().value(1).toByteArray().toInt() : 0;
    for (int i = 0; i < kNodes; ++i)
        if (m_ports[i] == port)
            return i;
    return -1;
}

int RedisSentinels::master() const
{
    for (int i = 0; i < kNodes; ++i)
        if (const int m = masterSeenBy(i); m >= 0)
            return m;
    return -1;
}

int RedisSentinels::waitForMasterOtherThan(int node, int timeoutMs) const
{
    int agreedOn = -1;
    eventually(
        [&] {
            const int first = masterSeenBy(0);
            bool agreed = first >= 0 && first != node;
            for (int i = 1; i < kNodes && agreed; ++i)
                agreed = masterSeenBy(i) == first;
            agreedOn = agreed ? first : -1;
            return agreed;
        },
        timeoutMs);
    return agreedOn;
}

} // namespace gw::test
