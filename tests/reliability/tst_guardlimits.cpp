// The guard against abusive clients, on real loopback sockets: slowloris heads and bodies sent at
// one byte a second are closed by the head deadline and the minimum body rate (in the API and in
// checkout-web); at a low file-descriptor limit, with hundreds of idle or half-sent connections,
// new clients are still served and the server's CPU stays idle; connections are capped per
// client address and per server; the soft descriptor limit is raised to the hard one at start.
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/rawsocket.h"
#include "support/teststack.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <unistd.h>

using namespace gw;

class TestGuardLimits : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;

    // A binary of the build under `prlimit --nofile=soft:hard`, so the limit holds from its start.
    test::RunningService startLimited(const QString &binary, const QString &nofile,
                                      const QMap<QString, QString> &overrides)
    {
        test::RunningService s;
        s.process = std::make_unique<test::ManagedProcess>();
        if (s.process->start(QStringLiteral("prlimit"),
                             {QStringLiteral("--nofile=") + nofile, QStringLiteral("--"),
                              test::TestStack::buildDir() + QLatin1Char('/') + binary},
                             m_stack.environment(overrides)))
            s.port =
                quint16(s.process->waitForOutput(QRegularExpression(QStringLiteral("port (\\d+)")))
                            .toUInt());
        return s;
    }

    // User plus system CPU time of a process, from /proc/<pid>/stat (fields 14 and 15).
    static double cpuSeconds(qint64 pid)
    {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray stat = f.readAll();
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        return double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) /
               double(::sysconf(_SC_CLK_TCK));
    }

    static qsizetype openFds(qint64 pid)
    {
        return QDir(QStringLiteral("/proc/%1/fd").arg(pid))
            .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
            .size();
    }

    static QByteArray softAndHardFdLimit(qint64 pid)
    {
        QFile f(QStringLiteral("/proc/%1/limits").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("Max open files"))
                return line.mid(14).simplified();
        return {};
    }

    // A keep-alive connection from `from` that has had one request answered (or refused).
    static std::unique_ptr<QTcpSocket> served(quint16 port, const QString &from, QByteArray *reply)
    {
        auto s = std::make_unique<QTcpSocket>();
        if (!s->bind(QHostAddress(from)))
            return s;
        s->connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!s->waitForConnected(5000))
            return s;
        s->write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            s->waitForReadyRead(100);
            *reply += s->readAll();
            const qsizetype end = reply->indexOf("\r\n\r\n");
            const QRegularExpression length(QStringLiteral("Content-Length: (\\d+)"),
                                            QRegularExpression::CaseInsensitiveOption);
            const auto m = length.match(QString::fromLatin1(reply->left(end)));
            if (end >= 0 && m.hasMatch() && reply->size() >= end + 4 + m.captured(1).toLongLong())
                break;
            if (s->state() != QAbstractSocket::ConnectedState)
                break;
        }
        return s;
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.start(), QString()); }

    void slowClientsAreClosedByTheDeadlines_data()
    {
        QTest::addColumn<QString>("binary");
        QTest::addRow("api") << QStringLiteral("server/gateway-server");
        QTest::addRow("checkout-web") << QStringLiteral("checkout-web/checkout-web");
    }

    void slowClientsAreClosedByTheDeadlines()
    {
        QFETCH(QString, binary);
        // The stall timer (10 s) restarts on every byte; only the head deadline and the body rate
        // can close these.
        auto server = m_stack.startBinary(
            binary, {{QStringLiteral("HTTP_HEADER_TIMEOUT_MS"), QStringLiteral("1500")},
                     {QStringLiteral("HTTP_STALL_TIMEOUT_MS"), QStringLiteral("10000")}});
        QVERIFY2(server.port, qPrintable(server.process->output()));
        constexpr int kClients = 20;
        std::vector<std::unique_ptr<test::RawSocket>> clients;
        QList<QByteArray> replies(kClients);
        QList<bool> closed(kClients, false);
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<test::RawSocket>(server.port));
            QVERIFY2(clients.back()->isOpen(), qPrintable(clients.back()->error()));
            // Half send their head a byte at a time; half a whole head, then the body so.
            if (i % 2)
                QVERIFY(clients.back()->sendAll("POST /demo/order HTTP/1.1\r\nHost: x\r\n"
                                                "Content-Length: 1000\r\n\r\n"));
        }
        const QByteArray head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + QByteArray(64, 'a');
        int open = kClients;
        // One byte a second each, for at most 8 s: without the deadlines they would live forever.
        for (int second = 0; second < 8 && open > 0; ++second) {
            for (int i = 0; i < kClients; ++i)
                if (!closed[i])
                    clients[i]->sendAll(i % 2 ? QByteArray("x") : head.mid(second, 1));
            QThread::msleep(1000);
            for (int i = 0; i < kClients; ++i) {
                if (closed[i])
                    continue;
                replies[i] += clients[i]->readToEnd(10);
                if (clients[i]->error().isEmpty()) {
                    closed[i] = true;
                    --open;
                }
            }
        }
        QCOMPARE(open, 0);
        for (int i = 0; i < kClients; ++i) {
            QVERIFY2(replies[i].startsWith("HTTP/1.1 408"), replies[i].constData());
            QVERIFY2(replies[i].contains(i % 2 ? "slower than 1024 bytes/s" : "within 1500 ms"),
                     replies[i].constData());
        }
        const auto r = test::HttpClient(server.baseUrl()).get(QStringLiteral("/"));
        QVERIFY2(r.status == 200 || r.status == 404, qPrintable(r.networkError));
        QVERIFY(server.process->isRunning());
    }

    void newClientsServedAtTheFdLimit_data()
    {
        QTest::addColumn<QByteArray>("firstBytes");
        // Idle connections can be closed to make room; half-sent heads cannot (accept backs off
        // until their head deadline closes them).
        QTest::addRow("idle") << QByteArray();
        QTest::addRow("half-sent heads") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\n");
    }

    void newClientsServedAtTheFdLimit()
    {
        QFETCH(QByteArray, firstBytes);
        // Soft 160, hard 192: the server raises its soft limit to 192 at start. The connection
        // cap is set above the descriptor limit so that the limit itself is what is hit.
        auto server =
            startLimited(QStringLiteral("server/gateway-server"), QStringLiteral("160:192"),
                         {{QStringLiteral("SERVER_THREADS"), QStringLiteral("2")},
                          {QStringLiteral("HTTP_MAX_CONNECTIONS"), QStringLiteral("100000")},
                          {QStringLiteral("HTTP_HEADER_TIMEOUT_MS"), QStringLiteral("1500")}});
        QVERIFY2(server.port, qPrintable(server.process->output()));
        const qint64 pid = server.process->pid();
        QCOMPARE(softAndHardFdLimit(pid), QByteArray("192 192 files"));

        std::vector<std::unique_ptr<test::RawSocket>> crowd;
        for (int i = 0; i < 300; ++i) {
            crowd.push_back(std::make_unique<test::RawSocket>(server.port));
            QVERIFY2(crowd.back()->isOpen(), qPrintable(crowd.back()->error()));
            if (!firstBytes.isEmpty())
                QVERIFY(crowd.back()->sendAll(firstBytes));
        }
        // Over the limit the server must wait, not spin: a resource check over 2 s, not a speed
        // one, from the moment the crowd has filled its descriptors.
        QVERIFY2(test::eventually([pid] { return openFds(pid) >= 180; }, 10000),
                 qPrintable(QStringLiteral("%1 descriptors open").arg(openFds(pid))));
        const double before = cpuSeconds(pid);
        QThread::msleep(2000);
        const double used = cpuSeconds(pid) - before;
        QVERIFY2(before >= 0 && used < 0.2,
                 qPrintable(QStringLiteral("%1 s of CPU in 2 s").arg(used)));

        const auto r = test::HttpClient(server.baseUrl()).get(QStringLiteral("/health"));
        QCOMPARE(r.status, 200);
        QVERIFY(server.process->isRunning());
    }

    void connectionsAreCappedPerAddressAndPerServer()
    {
        auto server = m_stack.startServer(
            {{QStringLiteral("SERVER_THREADS"), QStringLiteral("1")},
             {QStringLiteral("HTTP_MAX_CONNECTIONS"), QStringLiteral("6")},
             {QStringLiteral("HTTP_MAX_CONNECTIONS_PER_IP"), QStringLiteral("3")}});
        QVERIFY2(server.port, qPrintable(server.process->output()));
        std::vector<std::unique_ptr<QTcpSocket>> held;
        const auto holdThree = [&](const QString &from) {
            for (int i = 0; i < 3; ++i) {
                QByteArray reply;
                held.push_back(served(server.port, from, &reply));
                if (!reply.startsWith("HTTP/1.1 200"))
                    return reply;
            }
            return QByteArray();
        };
        QByteArray failed = holdThree(QStringLiteral("127.0.0.1"));
        QVERIFY2(failed.isEmpty(), failed.constData());
        // A fourth from the same address is refused with a reason, and closed.
        QByteArray refused;
        auto extra = served(server.port, QStringLiteral("127.0.0.1"), &refused);
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
        QVERIFY(refused.contains("\"code\":\"SERVICE_UNAVAILABLE\""));
        QVERIFY(refused.contains("Too many connections from 127.0.0.1"));
        QTRY_COMPARE_WITH_TIMEOUT(extra->state(), QAbstractSocket::UnconnectedState, 5000);

        // Other addresses are still served, up to the server's cap of 6.
        failed = holdThree(QStringLiteral("127.0.0.2"));
        QVERIFY2(failed.isEmpty(), failed.constData());
        // At the server's cap a new client is served by closing the connection idle longest.
        QByteArray reply;
        auto newcomer = served(server.port, QStringLiteral("127.0.0.3"), &reply);
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());
        QTRY_COMPARE_WITH_TIMEOUT(held.front()->state(), QAbstractSocket::UnconnectedState, 5000);
        for (size_t i = 1; i < held.size(); ++i)
            QCOMPARE(held[i]->state(), QAbstractSocket::ConnectedState);

        // The closed connection gave its address its place back.
        QByteArray again;
        auto back = served(server.port, QStringLiteral("127.0.0.1"), &again);
        QVERIFY2(again.startsWith("HTTP/1.1 200"), again.constData());
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestGuardLimits)
#include "tst_guardlimits.moc"
