// gateway-server drains on SIGTERM: it stops accepting at once (a new connection is refused),
// answers every request under way with `Connection: close` (creates waiting for their group
// commit, a request half-sent when the signal came, requests the kernel holds unread), closes
// each connection without a reset once answered (an idle keep-alive one at once), and exits 0.
// A request that never completes is cut at SERVER_DRAIN_TIMEOUT_MS, and the exit is still 0.
#undef QT_NO_CAST_FROM_ASCII
#include "support/httpclient.h"
#include "support/rawsocket.h"
#include "support/teststack.h"

#include <QJsonDocument>
#include <QTest>
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
        QTest::qWait(300);
        QVERIFY2(server.process->signalAndWait(SIGTERM, 15000),
                 qPrintable(server.process->output()));
        QCOMPARE(server.process->exitCode(), 0);
        QVERIFY2(server.process->output().contains(QStringLiteral("drain time-out (1500 ms)")),
                 qPrintable(server.process->output()));
    }

    void cleanupTestCase() { m_stack.stop(); }
};

QTEST_GUILESS_MAIN(TestDrain)
#include "tst_drain.moc"
