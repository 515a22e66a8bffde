// The libpq options every PostgreSQL session is opened with: the time limits, the keepalives and,
// for a multi-host URL, the other hosts' ports and target_session_attrs.
#include "core/urls.h"
#include "store/connection.h"

#include <QTest>

using namespace gw;

class TestConnectOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void options_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        const QStringList always{
            QStringLiteral("connect_timeout=3"),
            QStringLiteral("application_name=gw-test"),
            QStringLiteral("keepalives=1"),
            QStringLiteral("keepalives_idle=5"),
            QStringLiteral("keepalives_interval=2"),
            QStringLiteral("keepalives_count=3"),
            QStringLiteral("tcp_user_timeout=10000"),
            QStringLiteral("options='-c statement_timeout=5000 -c lock_timeout=3000'")};
        QTest::addRow("one host") << QStringLiteral("postgresql://u@db:6000/x") << always
                                  << QStringList{QStringLiteral("port=6000"),
                                                 QStringLiteral("target_session_attrs=any"),
                                                 QStringLiteral("target_session_attrs=read-write")};
        QTest::addRow("three hosts")
            << QStringLiteral("postgresql://u@a:5432,b:5433,c/x")
            << always + QStringList{QStringLiteral("port=5432,5433,5432"),
                                    QStringLiteral("target_session_attrs=read-write")}
            << QStringList{};
        QTest::addRow("one host, attrs")
            << QStringLiteral("postgresql://u@db/x?target_session_attrs=primary")
            << always + QStringList{QStringLiteral("target_session_attrs=primary")}
            << QStringList{QStringLiteral("port=5432")};
    }

    void options()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        const auto p = parseDatabaseUrl(url);
        QVERIFY(p.ok());
        const QStringList options =
            store::connectOptions(p.value(), QStringLiteral("test")).split(QLatin1Char(';'));
        for (const QString &o : present)
            QVERIFY2(options.contains(o),
                     qPrintable(o + QStringLiteral(" in ") + options.join(u';')));
        for (const QString &o : absent)
            QVERIFY2(!options.contains(o), qPrintable(o));
    }

    // Other limits reach the session's options as given.
    void limits()
    {
        auto p = parseDatabaseUrl(QStringLiteral("postgresql://u@a,b/x"));
        QVERIFY(p.ok());
        p->connectTimeoutS = 2;
        p->statementTimeoutMs = 1500;
        p->lockTimeoutMs = 700;
        p->tcpUserTimeoutMs = 4000;
        const QStringList options =
            store::connectOptions(p.value(), QStringLiteral("writer")).split(QLatin1Char(';'));
        QVERIFY(options.contains(QStringLiteral("connect_timeout=2")));
        QVERIFY(options.contains(QStringLiteral("tcp_user_timeout=4000")));
        QVERIFY(options.contains(
            QStringLiteral("options='-c statement_timeout=1500 -c lock_timeout=700'")));
        QVERIFY(options.contains(QStringLiteral("application_name=gw-writer")));
    }
};

QTEST_GUILESS_MAIN(TestConnectOptions)
#include "tst_connectoptions.moc"
