// scripts/services proves that the PostgreSQL it started is the one listening on its port (a
// server that failed to bind must not be mistaken for another one already there), also without
// CAP_SYS_PTRACE: a container's root has not got it by default and runs PostgreSQL as postgres,
// whose /proc/<pid>/fd root may then not read. Run as root, the script runs with that capability
// dropped; a foreign listener is still told apart from the PostgreSQL it started.
#include "support/teststack.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <utility>

using namespace gw;

namespace {
constexpr quint64 kCapSysPtrace = 1ULL << 19; // linux/capability.h

bool holdsSysPtrace()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("CapEff:"))
            return line.mid(7).trimmed().toULongLong(nullptr, 16) & kCapSysPtrace;
    return false;
}

// scripts/services ARGS without CAP_SYS_PTRACE (dropped from the inherited and bounding sets, so
// that root does not get it back at exec): exit code and output.
std::pair<int, QString> services(const QStringList &args)
{
    QStringList command;
    if (holdsSysPtrace())
        command << QStringLiteral("setpriv") << QStringLiteral("--inh-caps=-sys_ptrace")
                << QStringLiteral("--bounding-set=-sys_ptrace");
    command << test::TestStack::sourceDir() + QStringLiteral("/scripts/services") << args;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(command.takeFirst(), command);
    p.waitForFinished(120000);
    const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return {code, QString::fromUtf8(p.readAll())};
}
} // namespace

class TestServices : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_pid;
    QString m_port;

    QString pgDir() const { return m_dir.filePath(QStringLiteral("pg")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // As root, PostgreSQL runs as postgres, which must reach its data folder.
        QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ReadOther |
                                                QFile::ExeOther);
        const auto [freeCode, port] = services({QStringLiteral("free-port")});
        QCOMPARE(freeCode, 0);
        m_port = port.trimmed();
        const auto [code, output] = services({QStringLiteral("pg-start"), pgDir(), m_port});
        QVERIFY2(code == 0, qPrintable(output));
        QFile pidFile(pgDir() + QStringLiteral("/postmaster.pid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        m_pid = QString::fromLatin1(pidFile.readLine().trimmed());
        QVERIFY(!m_pid.isEmpty());
    }

    void startedPostgresOwnsItsPort()
    {
        const auto [code, output] = services({QStringLiteral("owns-port"), m_pid, m_port});
        QVERIFY2(code == 0, qPrintable(output));
    }

    void foreignListenerIsNotOurs()
    {
        QTcpServer foreign;
        QVERIFY(foreign.listen(QHostAddress::LocalHost));
        const QString port = QString::number(foreign.serverPort());
        QCOMPARE(services({QStringLiteral("owns-port"), m_pid, port}).first, 1);
        const auto [code, output] =
            services({QStringLiteral("wait-owned"), QStringLiteral("PostgreSQL"), m_pid, port,
                      pgDir() + QStringLiteral("/postgres.log"), QStringLiteral("1")});
        QCOMPARE(code, 1);
        QVERIFY2(output.contains(QStringLiteral("port %1 is held by").arg(port)),
                 qPrintable(output));
    }

    void takenPortIsRefused()
    {
        // The port of the PostgreSQL started above: a second one must not start there.
        const auto [code, output] = services(
            {QStringLiteral("pg-start"), m_dir.filePath(QStringLiteral("second")), m_port});
        QCOMPARE(code, 1);
        QVERIFY2(output.contains(QStringLiteral("port %1 is already taken").arg(m_port)),
                 qPrintable(output));
    }

    void cleanupTestCase() { services({QStringLiteral("pg-stop"), pgDir()}); }
};

QTEST_GUILESS_MAIN(TestServices)
#include "tst_services.moc"
