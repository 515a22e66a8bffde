// When a Redis client leaves the server it talks to and asks the Sentinels where the master is
// (RedisClient + MasterLocator over fake links): a broken or timed-out link, a READONLY,
// UNBLOCKED or MASTERDOWN reply, a new connection whose ROLE is not master, a +switch-master for
// its master name. Not on an ordinary error reply, not when only the Sentinel link breaks, never
// with a plain REDIS_URL (which reconnects to its one host). And a blocking read blocks for less
// than the socket time-out.
#include "queue/jobstream.h"
#include "queue/redisclient.h"

#include <QMap>
#include <QTest>

using namespace gw;
using namespace gw::queue;

namespace {

// One fake server (Redis or Sentinel) on 127.0.0.1:<port>.
struct FakeServer
{
    bool sentinel = false;
    bool up = true;
    bool hangs = false; // accepts, never answers: every exchange times out
    QByteArray role = "master";
    QByteArray errorReply; // answered to every command but ROLE/SELECT, e.g. "READONLY …"
    int opens = 0;
    QList<QByteArray> seen; // the first word of every command received
    QList<QByteArray> last; // the last command received
};

class FakeWorld;

class FakeLink final : public RedisLink
{
public:
    FakeLink(FakeWorld &world, int port);
    ~FakeLink() override;
    Result<Replies> exchange(const QList<QList<QByteArray>> &commands) override;
    Result<QList<Reply>> pushed() override;

    FakeWorld &world;
    int port;
    QList<Reply> inbox;
};

class FakeWorld
{
public:
    QMap<int, FakeServer> servers;
    int master = 0; // what the Sentinels answer; 0: they know no such master
    QList<FakeLink *> links;

    LinkOpener opener()
    {
        return [this](const HostPort &where, int) -> Result<std::unique_ptr<RedisLink>> {
            FakeServer &s = servers[where.port];
            if (!s.up)
                return ApiError::unavailable(QStringLiteral("connect: Connection refused"));
            ++s.opens;
            return std::unique_ptr<RedisLink>(std::make_unique<FakeLink>(*this, where.port));
        };
    }
    // What Sentinel publishes on +switch-master to every link subscribed to it.
    void announce(const QByteArray &name, int from, int to)
    {
        const QByteArray text = name + " 127.0.0.1 " + QByteArray::number(from) + " 127.0.0.1 " +
                                QByteArray::number(to);
        for (FakeLink *l : links)
            if (servers[l->port].sentinel)
                l->inbox.append(
                    Reply(QVariantList{QByteArray("message"), QByteArray("+switch-master"), text}));
    }
};

FakeLink::FakeLink(FakeWorld &w, int p) : world(w), port(p)
{
    world.links.append(this);
}

FakeLink::~FakeLink()
{
    world.links.removeOne(this);
}

Result<Replies> FakeLink::exchange(const QList<QList<QByteArray>> &commands)
{
    FakeServer &s = world.servers[port];
    if (!s.up)
        return ApiError::unavailable(QStringLiteral("read: Connection reset by peer"));
    if (s.hangs)
        return ApiError::unavailable(QStringLiteral("read: Resource temporarily unavailable"));
    Replies out;
    for (const auto &cmd : commands) {
        s.seen.append(cmd.first());
        s.last = cmd;
        if (cmd.first() == "SENTINEL")
            out.append(world.master ? Reply(QVariantList{QByteArray("127.0.0.1"),
                                                         QByteArray::number(world.master)})
                                    : Reply{});
        else if (cmd.first() == "SUBSCRIBE")
            out.append(Reply(QVariantList{QByteArray("subscribe"), cmd.value(1), qlonglong(1)}));
        else if (cmd.first() == "ROLE")
            out.append(Reply(QVariantList{s.role}));
        else if (!s.errorReply.isEmpty() && cmd.first() != "SELECT")
            out.append(
                ApiError::server(QStringLiteral("Redis: ") + QString::fromUtf8(s.errorReply)));
        else
            out.append(Reply(QByteArray("OK")));
    }
    return out;
}

Result<QList<Reply>> FakeLink::pushed()
{
    if (!world.servers[port].up)
        return ApiError::unavailable(QStringLiteral("read: Server closed the connection"));
    return std::exchange(inbox, {});
}

RedisParams viaSentinels(QList<int> ports)
{
    RedisParams p;
    p.host = QStringLiteral("unused.invalid");
    for (int port : ports)
        p.sentinels.append({QStringLiteral("127.0.0.1"), port});
    return p;
}

// Three Sentinels (26379-26381), a master on 6380, replicas on 6381 and 6382.
FakeWorld cluster()
{
    FakeWorld w;
    for (int port : {26379, 26380, 26381})
        w.servers[port].sentinel = true;
    w.servers[6380];
    w.servers[6381].role = "slave";
    w.servers[6382].role = "slave";
    w.master = 6380;
    return w;
}

// The old master is gone or demoted, 6381 is promoted and the Sentinels say so.
void failOver(FakeWorld &w)
{
    w.servers[6381].role = "master";
    w.master = 6381;
}

} // namespace

class TestRedisReconnect : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainUrlReconnectsToItsHost()
    {
        FakeWorld w;
        RedisParams p;
        p.host = QStringLiteral("127.0.0.1");
        p.port = 6379;
        RedisClient c(p, w.opener(), 100);
        QVERIFY(c.command({"SET", "k", "v"}));
        w.servers[6379].up = false;
        QVERIFY(!c.command({"SET", "k", "v"}));
        QVERIFY(c.lastFailure().contains(QStringLiteral("127.0.0.1:6379")));
        QVERIFY(!c.noMaster());
        w.servers[6379].up = true;
        QVERIFY(c.command({"SET", "k", "v"}));
        QCOMPARE(w.servers[6379].opens, 2);
        QVERIFY(!w.servers[6379].seen.contains("ROLE")); // no Sentinels, no ROLE check
        QCOMPARE(w.links.size(), 1);
        QCOMPARE(c.masterChanges(), quint64(0));
    }

    void asksTheFirstSentinelThatAnswersAndChecksRole()
    {
        FakeWorld w = cluster();
        w.servers[26379].up = false;
        RedisClient c(viaSentinels({26379, 26380, 26381}), w.opener(), 100);
        QVERIFY(c.command({"SET", "k", "v"}));
        QCOMPARE(w.servers[26380].opens, 1);
        QCOMPARE(w.servers[26381].opens, 0);
        QCOMPARE(w.servers[6380].seen, (QList<QByteArray>{"ROLE", "SET"}));
        // The one that answered is asked first from now on, even once the first is back.
        w.servers[26379].up = true;
        w.servers[6380].up = false;
        failOver(w);
        QVERIFY(c.command({"SET", "k", "v"})); // the broken link is left within the same call
        QCOMPARE(w.servers[26380].opens, 2);
        QCOMPARE(w.servers[26379].opens, 0);
        QCOMPARE(w.servers[6381].seen, (QList<QByteArray>{"ROLE", "SET"}));
        QCOMPARE(c.masterChanges(), quint64(1)); // the worker sweeps on this
    }

    void repliesThatLeaveTheServer_data()
    {
        QTest::addColumn<QByteArray>("error");
        QTest::addColumn<bool>("hangs");
        QTest::addRow("READONLY") << QByteArray("READONLY You can't write against a read only "
                                                "replica.")
                                  << false;
        QTest::addRow("UNBLOCKED") << QByteArray("UNBLOCKED force unblock from blocking "
                                                 "operation, instance state changed (master -> "
                                                 "replica?)")
                                   << false;
        QTest::addRow("MASTERDOWN") << QByteArray("MASTERDOWN Link with MASTER is down") << false;
        QTest::addRow("time-out") << QByteArray() << true;
    }

    void repliesThatLeaveTheServer()
    {
        QFETCH(QByteArray, error);
        QFETCH(bool, hangs);
        FakeWorld w = cluster();
        RedisClient c(viaSentinels({26379, 26380, 26381}), w.opener(), 100);
        QVERIFY(c.command({"XREADGROUP", "GROUP", "g", "c", "BLOCK", "10"}));
        w.servers[6380].errorReply = error;
        w.servers[6380].hangs = hangs;
        failOver(w);
        const auto r = c.command({"XREADGROUP", "GROUP", "g", "c", "BLOCK", "10"});
        QVERIFY2(r, qPrintable(c.lastFailure()));
        QCOMPARE(w.servers[6381].seen, (QList<QByteArray>{"ROLE", "XREADGROUP"}));
        QCOMPARE(w.servers[26379].opens, 2); // asked again
    }

    void anOrdinaryErrorKeepsTheLink()
    {
        FakeWorld w = cluster();
        RedisClient c(viaSentinels({26379}), w.opener(), 100);
        QVERIFY(c.command({"GET", "k"}));
        w.servers[6380].errorReply = "WRONGTYPE Operation against a key holding the wrong kind";
        const auto r = c.command({"GET", "k"});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::ServerError);
        QCOMPARE(w.servers[6380].opens, 1);
        QCOMPARE(w.servers[26379].opens, 1);
    }

    void aReplicaNamedMasterIsNotUsed()
    {
        FakeWorld w = cluster();
        w.master = 6381; // a Sentinel whose view is behind
        RedisClient c(viaSentinels({26379}), w.opener(), 100);
        const auto r = c.command({"SET", "k", "v"});
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::ServiceUnavailable);
        QVERIFY2(c.lastFailure().contains(QStringLiteral("says it is a slave")),
                 qPrintable(c.lastFailure()));
        QVERIFY(!c.noMaster());
        QCOMPARE(w.servers[6381].seen, QList<QByteArray>{"ROLE"}); // never the SET
        w.master = 6380;
        QVERIFY(c.command({"SET", "k", "v"}));
        QCOMPARE(w.servers[6380].seen, (QList<QByteArray>{"ROLE", "SET"}));
    }

    void switchMasterMovesAClientWhoseServerStillAnswers()
    {
        FakeWorld w = cluster();
        RedisClient c(viaSentinels({26379, 26380}), w.opener(), 100);
        QVERIFY(c.command({"SET", "k", "v"}));
        w.announce("another-master", 7000, 7001); // not ours
        QVERIFY(c.command({"SET", "k", "v"}));
        QCOMPARE(w.servers[6380].seen.size(), 3);
        failOver(w); // 6380 still answers as it did
        w.announce("gateway", 6380, 6381);
        QVERIFY(c.command({"SET", "k", "v"}));
        QCOMPARE(w.servers[6380].seen.size(), 3);
        QCOMPARE(w.servers[6381].seen, (QList<QByteArray>{"ROLE", "SET"}));
        QVERIFY(c.lastFailure().isEmpty());
    }

    void losingTheSentinelLinkKeepsTheMaster()
    {
        FakeWorld w = cluster();
        RedisClient c(viaSentinels({26379, 26380}), w.opener(), 100);
        QVERIFY(c.command({"SET", "k", "v"}));
        w.servers[26379].up = false;
        for (int i = 0; i < 5; ++i)
            QVERIFY(c.command({"SET", "k", "v"}));
        QCOMPARE(w.servers[6380].opens, 1);
        QCOMPARE(w.servers[26380].opens, 0); // asked again at most once a second
    }

    void noMasterSaysWhy()
    {
        FakeWorld w = cluster();
        w.servers[26379].up = false;
        w.master = 0;
        RedisClient c(viaSentinels({26379, 26380}), w.opener(), 100);
        QVERIFY(!c.ping());
        QVERIFY(c.noMaster());
        QVERIFY2(c.lastFailure().contains(QStringLiteral("no Redis master known")) &&
                     c.lastFailure().contains(QStringLiteral("127.0.0.1:26379 connect")) &&
                     c.lastFailure().contains(
                         QStringLiteral("127.0.0.1:26380 knows no master named gateway")),
                 qPrintable(c.lastFailure()));
        w.master = 6380;
        QVERIFY(c.ping());
        QVERIFY(!c.noMaster());
    }

    void aBlockingReadBlocksForLessThanTheTimeOut()
    {
        FakeWorld w;
        RedisParams p;
        p.host = QStringLiteral("127.0.0.1");
        p.port = 6379;
        const auto blockOf = [&] {
            const QList<QByteArray> &cmd = w.servers[6379].last;
            return cmd.value(cmd.indexOf("BLOCK") + 1);
        };
        RedisClient usual(p, w.opener(), 2000);
        QVERIFY(JobStream(usual, "c").read(10, 50));
        QCOMPARE(blockOf(), QByteArray("50"));
        RedisClient quick(p, w.opener(), 60);
        QVERIFY(JobStream(quick, "c").read(10, 50));
        QCOMPARE(blockOf(), QByteArray("30"));
    }
};

QTEST_GUILESS_MAIN(TestRedisReconnect)
#include "tst_redisreconnect.moc"
