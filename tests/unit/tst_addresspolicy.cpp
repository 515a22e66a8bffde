// The webhook address policy (SSRF): public addresses pass; loopback, private, link-local,
// metadata, CGNAT, multicast, documentation and IPv4-mapped forms of them do not.
#include "core/addresspolicy.h"

#include <QTest>

using namespace gw;

class TestAddressPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void policy_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<bool>("isPublic");
        const auto row = [](const char *ip, bool pub) {
            QTest::addRow("%s", ip) << QString::fromLatin1(ip) << pub;
        };
        row("8.8.8.8", true);
        row("1.1.1.1", true);
        row("93.184.216.34", true);
        row("172.32.0.1", true);
        row("100.128.0.1", true);
        row("2606:4700:4700::1111", true);
        row("::ffff:8.8.8.8", true);
        row("127.0.0.1", false);
        row("127.255.255.254", false);
        row("0.0.0.0", false);
        row("10.1.2.3", false);
        row("172.16.0.1", false);
        row("172.31.255.255", false);
        row("192.168.1.1", false);
        row("169.254.169.254", false);
        row("169.254.0.1", false);
        row("100.64.0.1", false);
        row("100.127.255.255", false);
        row("224.0.0.1", false);
        row("255.255.255.255", false);
        row("192.0.2.1", false);
        row("::1", false);
        row("::", false);
        row("fe80::1", false);
        row("fe80::1%eth0", false);
        row("fd00::1", false);
        row("fd00:ec2::254", false);
        row("fc00::1", false);
        row("ff02::1", false);
        row("2001:db8::1", false);
        row("::ffff:127.0.0.1", false);
        row("::ffff:169.254.169.254", false);
        row("::ffff:10.0.0.1", false);
        row("64:ff9b::7f00:1", false);
        row("2002:7f00:1::", false);
        row("::127.0.0.1", false);
        row("not-an-ip", false);
        row("", false);
        row("127.1", false);
    }

    void policy()
    {
        QFETCH(QString, ip);
        QFETCH(bool, isPublic);
        QCOMPARE(isPublicAddress(ip), isPublic);
    }
};

QTEST_GUILESS_MAIN(TestAddressPolicy)
#include "tst_addresspolicy.moc"
