// dropNewHandshakes on a loopback listening socket, without a server: a client that connects
// after the filter gets no connection (its SYN is dropped) and is refused once the socket closes,
// never connected and then reset; without the filter the same connect is made at once and the
// close resets it (the race the drain avoids). tst_drain proves it through a whole server.
#include "httpguard/handshakefilter.h"
#include "httpguard/netadmin.h"
#include "httpguard/reuseport.h"

#include <QTcpSocket>
#include <QTest>
#include <sys/socket.h>
#include <unistd.h>

using namespace gw::http;

class TestHandshakeFilter : public QObject
{
    Q_OBJECT

    struct Listener
    {
        int fd = -1;
        quint16 port = 0;
        ~Listener() { close(); }
        void close()
        {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    };

    static bool listen(Listener &l)
    {
        const auto fd = listenReusePort(QHostAddress::LocalHost, 0);
        if (!fd)
            return false;
        l.fd = *fd;
        l.port = boundPort(l.fd);
        return l.port != 0;
    }

    // A listener, and a client connection the kernel has made on it (nobody accepted it).
    static bool listenAndConnect(Listener &l, QTcpSocket &client)
    {
        if (!listen(l))
            return false;
        client.connectToHost(QHostAddress::LocalHost, l.port);
        return client.waitForConnected(5'000);
    }

private Q_SLOTS:
    void aConnectAfterTheFilterIsRefusedNeverReset()
    {
        Listener l;
        QVERIFY(listen(l));
        const auto filtered = dropNewHandshakes(l.fd);
        QVERIFY2(filtered, qPrintable(filtered ? QString() : filtered.error().description));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, l.port);
        // Long enough for a loopback handshake many times over: the SYN was dropped.
        QTest::qWait(300);
        QCOMPARE(client.state(), QAbstractSocket::ConnectingState);
        l.close();
        // The client's SYN is sent again after about a second and finds the port closed.
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10'000);
        QCOMPARE(client.error(), QAbstractSocket::ConnectionRefusedError);
    }

    // The contrast: the same connect without the filter is made by the kernel alone, and the
    // close of the unaccepted connection's listener resets it.
    void withoutTheFilterTheConnectIsMadeThenReset()
    {
        Listener l;
        QTcpSocket client;
        QVERIFY(listenAndConnect(l, client));
        l.close();
        client.write("GET / HTTP/1.1\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10'000);
        QCOMPARE(client.error(), QAbstractSocket::RemoteHostClosedError);
    }

    // A connection made before the filter is accepted after it, and data flows both ways.
    void aConnectionMadeBeforeTheFilterIsServed()
    {
        Listener l;
        QTcpSocket client;
        QVERIFY(listenAndConnect(l, client));
        const auto filtered = dropNewHandshakes(l.fd);
        QVERIFY2(filtered, qPrintable(filtered ? QString() : filtered.error().description));
        const int fd = ::accept(l.fd, nullptr, nullptr);
        QVERIFY(fd >= 0);
        QTcpSocket served;
        QVERIFY(served.setSocketDescriptor(fd));
        QByteArray atServer, atClient;
        client.write("ping");
        QTRY_VERIFY_WITH_TIMEOUT((atServer += served.readAll()) == "ping", 5'000);
        served.write("pong");
        QTRY_VERIFY_WITH_TIMEOUT((atClient += client.readAll()) == "pong", 5'000);
    }

    // The runtime image's servers hold CAP_NET_ADMIN as permitted only (a file capability): the
    // filter is attached all the same, and the capability is not left effective after it.
    void withTheCapabilityOnlyPermittedTheFilterIsAttachedAndItIsLowered()
    {
        QVERIFY2(setNetAdminEffective(false),
                 "this test needs CAP_NET_ADMIN permitted (root, or the capability granted)");
        QVERIFY(!netAdminEffective());
        Listener l;
        QVERIFY(listen(l));
        const auto filtered = dropNewHandshakes(l.fd);
        const bool effectiveAfter = netAdminEffective();
        setNetAdminEffective(true); // as the other cases expect it
        QVERIFY2(filtered, qPrintable(filtered ? QString() : filtered.error().description));
        QVERIFY(!effectiveAfter);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, l.port);
        // The behaviour under test: no connection in 300 ms, many loopback handshakes over.
        QTest::qWait(300);
        QCOMPARE(client.state(), QAbstractSocket::ConnectingState);
    }
};

QTEST_GUILESS_MAIN(TestHandshakeFilter)
#include "tst_handshakefilter.moc"
