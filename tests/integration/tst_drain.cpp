// gateway-server drains on SIGTERM: it stops new handshakes at once (a new connection is refused
// once its listening socket closes, 100 ms later), answers every request under way with
// `Connection: close` (creates waiting for their group commit, a request half-sent when the
// signal came, requests the kernel holds unread), closes each connection without a reset once
// answered (an idle keep-alive one at once), and exits 0.
// A request that never completes is cut at SERVER_DRAIN_TIMEOUT_MS, and the exit is still 0.
// Clients opening new connections all through the drain each get an answer or a refused
// connect, never a connection that is made and then reset (the listening sockets' race).
#undef QT_NO_CAST_FROM_ASCII
#include "support/eventually.h"
#include "support/httpclient.h"
#include "support/rawsocket.h"
#include "support/teststack.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <csignal>
#include <memory>

using namespace gw;

namespace {
constexpr int kThreads = 4;
constexpr int kCreates = 24;

QByteArray createRequest(const QString &orderId, const QByteArray &connection)
{
    const QByteArray body =
        QJsonDocument(
            QJsonObject{{"order_id", orderId}, {"method", "upi"}, {"vpa", "shopper@okaxis"}})
            .toJson(QJsonDocument::Compact);
    return "POST /api/v1/payments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "X-Api-Key: " +
           QByteArray(test::HttpClient::kTestKey) +
           "\r\nX-Api-Secret: " + QByteArray(test::HttpClient::kTestSecret) +
           "\r\nConnection: " + connection +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QString statusLine(const QByteArray &reply)
{
    return QString::fromLatin1(reply.left(reply.indexOf('\r')));
}

// Clients that each open a connection, ask GET /health with `Connection: close` and read the
// answer, then do it again, until stopped. Every attempt ends refused (no connection was made),
// answered (a whole HTTP answer), or cut: connected, then closed or reset without a whole answer.
class ConnectionChurn : public QObject
{
public:
    ConnectionChurn(quint16 port, int clients) : m_port(port)
    {
        for (int i = 0; i < clients; ++i)
            next();
    }
    void stop() { m_stopping = true; }
    bool idle() const { return m_open == 0; }
    int refused = 0, answered = 0, cut = 0;
    QStringList cuts; // what each cut connection had received

private:
    static bool whole(const QByteArray &reply)
    {
        const qsizetype end = reply.indexOf("\r\n\r\n");
        if (!reply.startsWith("HTTP/1.1 ") || end < 0)
            return false;
        const qsizetype at = reply.toLower().indexOf("content-length: ");
        return at >= 0 && at < end &&
               reply.size() - end - 4 >=
                   reply.mid(at + 16, reply.indexOf('\r', at) - at - 16).trimmed().toLongLong();
    }
    void next()
    {
        if (m_stopping)
            return;
        ++m_open;
        auto *s = new QTcpSocket(this);
        auto connected = std::make_shared<bool>(false);
        auto reply = std::make_shared<QByteArray>();
        auto over = std::make_shared<bool>(false);
        // Ends the attempt once: answered as soon as a whole answer is in (the client closes).
        const auto done = [=, this] {
            if (std::exchange(*over, true))
                return;
            *reply += s->readAll();
            if (!*connected)
                ++refused;
            else if (whole(*reply))
                ++answered;
            else
                ++cut, cuts << QString::fromLatin1(reply->left(80)) + QStringLiteral(" / ") +
                                   s->errorString();
            s->disconnect(this);
            s->abort();
            s->deleteLater();
            --m_open;
            QTimer::singleShot(0, this, [this] { next(); });
        };
        connect(s, &QTcpSocket::connected, this, [=] {
            *connected = true;
            s->write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        });
        connect(s, &QTcpSocket::readyRead, this, [=] {
            *reply += s->readAll();
            if (whole(*reply))
                done();
        });
        connect(s, &QTcpSocket::disconnected, this, done);
        connect(s, &QTcpSocket::errorOccurred, this, done);
        s->connectToHost(QHostAddress::LocalHost, m_port);
    }

    quint16 m_port;
    int m_open = 0;
    bool m_stopping = false;
};
} // namespace

class TestDrain : public QObject
{
    Q_OBJECT
    test::TestStack m_stack;

    QStringList makeOrders(test::HttpClient &api, int count)
    {
        QStringList ids;
        for (int i = 0; i < count; ++i) {
            const auto order =
                api.post(QStringLiteral("/api/v1/orders"), {{QStringLiteral("amount"), 50000}});
            if (order.status != 201)
                return {};
            ids << order.json().value(QStringLiteral("id")).toString();
        }
        return ids;
    }

    // Every thread has closed its listening socket (until then, a connection may still reach
    // one that has not: it is accepted and closed like the others).
    static bool refused(quint16 port)
    {
        test::RawSocket late(port);
        return !late.isOpen() && late.error().contains(QStringLiteral("refused"));
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_stack.start(), QString()); }

    void inFlightRequestsAreAnsweredThenTheProcessExits()
    {
        auto server =
            m_stack.startServer({{QStringLiteral("SERVER_THREADS"), QString::number(kThreads)}});
        QVERIFY2(server.port, qPrintable(server.process->output()));
        test::HttpClient api(server.baseUrl());
        const QStringList orders = makeOrders(api, kCreates + 1);
        QCOMPARE(orders.size(), kCreates + 1);

        // An idle keep-alive connection: it has had its answer and sends nothing more.
        test::RawSocket idle(server.port);
        QVERIFY(idle.sendAll("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        // A request half-sent: its body's second half comes after the signal.
        const QByteArray half = createRequest(orders.last(), "keep-alive");
        test::RawSocket partial(server.port);
        QVERIFY(partial.sendAll(half.left(half.size() - 10)));
        QTest::qWait(300); // the idle connection answered; the half request read
        // Creates sent whole, none answered yet when the signal comes: they wait for a batch,
        // or are still unread in the kernel.
        std::vector<std::unique_ptr<test::RawSocket>> creates;
        for (int i = 0; i < kCreates; ++i) {
            creates.push_back(std::make_unique<test::RawSocket>(server.port));
            QVERIFY2(creates.back()->isOpen(), qPrintable(creates.back()->error()));
        }
        for (int i = 0; i < kCreates; ++i)
            QVERIFY(creates[size_t(i)]->sendAll(createRequest(orders[i], "keep-alive")));
        ::kill(pid_t(server.process->pid()), SIGTERM);

        QTRY_VERIFY_WITH_TIMEOUT(refused(server.port), 10000);
        QVERIFY2(server.process->isRunning(), "the half-sent request was not waited for");

        QVERIFY(partial.sendAll(half.right(10)));
        const QByteArray partialReply = partial.readToEnd();
        QVERIFY2(partial.error().isEmpty(), qPrintable(partial.error()));
        QCOMPARE(statusLine(partialReply), QStringLiteral("HTTP/1.1 201 Created"));
        QVERIFY2(partialReply.contains("Connection: close"), partialReply.constData());

        for (auto &c : creates) {
            const QByteArray reply = c->readToEnd();
            QVERIFY2(c->error().isEmpty(), qPrintable(c->error())); // an orderly close, no reset
            QCOMPARE(statusLine(reply), QStringLiteral("HTTP/1.1 201 Created"));
            QVERIFY2(reply.contains("Connection: close"), reply.constData());
        }
        const QByteArray idleReply = idle.readToEnd();
        QVERIFY2(idle.error().isEmpty(), qPrintable(idle.error()));
        QCOMPARE(statusLine(idleReply), QStringLiteral("HTTP/1.1 200 OK"));

        QVERIFY2(server.process->signalAndWait(0, 15000), qPrintable(server.process->output()));
        QCOMPARE(server.process->exitCode(), 0);
        QVERIFY2(server.process->output().contains(QStringLiteral("drained in")),
                 qPrintable(server.process->output()));
        QCOMPARE(m_stack.sql(QStringLiteral("SELECT count(*) FROM payments")).value(0),
                 QString::number(kCreates + 1));
    }

    void aRequestThatNeverCompletesIsCutAtTheTimeOut()
    {
        auto server = m_stack.startServer(
            {{QStringLiteral("SERVER_THREADS"), QString::number(kThreads)},
             {QStringLiteral("SERVER_DRAIN_TIMEOUT_MS"), QStringLiteral("1500")}});
        QVERIFY2(server.port, qPrintable(server.process->output()));
        test::RawSocket partial(server.port);
        QVERIFY(partial.sendAll("POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Length: 100\r\n\r\n{"));
        QTest::qWait(300); // for the server to take the connection (nothing outside it shows that)
        QVERIFY2(server.process->signalAndWait(SIGTERM, 15000),
                 qPrintable(server.process->output()));
        QCOMPARE(server.process->exitCode(), 0);
        QVERIFY2(server.process->output().contains(QStringLiteral("drain time-out (1500 ms)")),
                 qPrintable(server.process->output()));
    }

    // New connections all through the drain, rounds of it: none is made and then reset. (A
    // listening socket closed with connections in its accept queue resets them, and the kernel
    // completes handshakes until the close: each thread's drain stops new handshakes first, then
    // takes its queue: GuardedTcpServer::drain.)
    void connectionsDuringTheDrainAreAnsweredOrRefused()
    {
        int answered = 0, refused = 0;
        for (int round = 0; round < 8; ++round) {
            auto server = m_stack.startServer(
                {{QStringLiteral("SERVER_THREADS"), QString::number(kThreads)}});
            QVERIFY2(server.port, qPrintable(server.process->output()));
            ConnectionChurn churn(server.port, 16);
            QVERIFY2(
                test::eventually([&] { return churn.answered >= 200; }, 10'000),
                qPrintable(QStringLiteral("before the drain: %1 answered, %2 refused, %3 cut: %4")
                               .arg(churn.answered)
                               .arg(churn.refused)
                               .arg(churn.cut)
                               .arg(churn.cuts.mid(0, 3).join(u'\n'))));
            ::kill(pid_t(server.process->pid()), SIGTERM);
            QVERIFY2(test::eventually([&] { return !server.process->isRunning(); }, 15'000),
                     qPrintable(server.process->output()));
            QVERIFY(test::eventually([&] { return churn.refused > 0; }, 10'000));
            churn.stop();
            QVERIFY(test::eventually([&] { return churn.idle(); }, 10'000));
            QVERIFY2(churn.cut == 0,
                     qPrintable(QStringLiteral("round %1: %2 of %3 connections cut: %4")
                                    .arg(round)
                                    .arg(churn.cut)
                                    .arg(churn.answered + churn.cut)
                                    .arg(churn.cuts.join(u'\n'))));
            QCOMPARE(server.process->exitCode(), 0);
            answered += churn.answered, refused += churn.refused;
        }
        qInfo("drain: %d connections answered, %d refused, none cut", answered, refused);
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestDrain)
#include "tst_drain.moc"
