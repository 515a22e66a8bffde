// TRUSTED_PROXIES: which peers' X-Forwarded-For names the client, read as a table of peers,
// headers and the client each gives; and the settings that are refused.
#include "httpguard/trustedproxies.h"

#include <QTest>

using namespace gw::http;

class TestTrustedProxies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientOf_data()
    {
        QTest::addColumn<QString>("trusted");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QList<QByteArray>>("forwardedFor");
        QTest::addColumn<QString>("client");
        using L = QList<QByteArray>;
        const QString lb = QStringLiteral("10.213.7.1");
        QTest::newRow("nobody trusted: the header is ignored")
            << ""
            << "198.51.100.7" << L{"203.0.113.9"} << "198.51.100.7";
        QTest::newRow("an untrusted peer cannot choose its address")
            << lb << "198.51.100.7" << L{"203.0.113.9"} << "198.51.100.7";
        QTest::newRow("the balancer names the client")
            << lb << lb << L{"203.0.113.9"} << "203.0.113.9";
        QTest::newRow("what the client wrote before the balancer is not believed")
            << lb << lb << L{"192.0.2.66, 203.0.113.9"} << "203.0.113.9";
        QTest::newRow("two header lines read in order")
            << lb << lb << L{"192.0.2.66", "203.0.113.9"} << "203.0.113.9";
        QTest::newRow("a chain of trusted proxies is walked past")
            << "10.213.7.0/24"
            << "10.213.7.1" << L{"203.0.113.9, 10.213.7.5"} << "203.0.113.9";
        QTest::newRow("no header: the balancer itself") << lb << lb << L{} << lb;
        QTest::newRow("not an address: the last trusted hop") << lb << lb << L{"unknown"} << lb;
        QTest::newRow("IPv4 through an IPv6 socket")
            << lb << "::ffff:10.213.7.1" << L{"203.0.113.9"} << "203.0.113.9";
        QTest::newRow("IPv6 client and balancer")
            << "fd00::/64"
            << "fd00::1" << L{" 2001:db8::5 "} << "2001:db8::5";
        QTest::newRow("every hop trusted: the first")
            << "10.0.0.0/8"
            << "10.0.0.1" << L{"10.0.0.3, 10.0.0.2"} << "10.0.0.3";
    }

    void clientOf()
    {
        QFETCH(QString, trusted);
        QFETCH(QString, peer);
        QFETCH(QList<QByteArray>, forwardedFor);
        QFETCH(QString, client);
        const auto t = TrustedProxies::parse(trusted);
        QVERIFY(t);
        QCOMPARE(t->clientOf(QHostAddress(peer), forwardedFor), QHostAddress(client));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << "" << true;
        QTest::newRow("addresses and subnets") << "10.0.0.1, 172.29.7.0/24,::1" << true;
        QTest::newRow("a trailing comma") << "10.0.0.1," << true;
        QTest::newRow("a name") << "haproxy" << false;
        QTest::newRow("a prefix too long") << "10.0.0.0/33" << false;
        QTest::newRow("a number out of range") << "10.0.0.256" << false;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto t = TrustedProxies::parse(text);
        QCOMPARE(bool(t), valid);
        if (!valid)
            QVERIFY(t.error().description.contains(QStringLiteral("TRUSTED_PROXIES")));
    }
};

QTEST_GUILESS_MAIN(TestTrustedProxies)
#include "tst_trustedproxies.moc"
