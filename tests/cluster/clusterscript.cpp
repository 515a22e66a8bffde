#include "clusterscript.h"

#include "support/teststack.h"

#include <QEventLoop>
#include <QProcess>
#include <QTimer>

namespace gw::test {

namespace {
const QString kSource = gw::test::TestStack::sourceDir();
}

const QStringList &ClusterScript::hosts()
{
    static const QStringList h{QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3")};
    return h;
}

ScriptRun ClusterScript::up(const QString &prefix, int firstNet)
{
    ScriptRun r;
    for (int i = 0; i < 10; ++i) {
        m_name = prefix + QString::number(i);
        m_net = QStringLiteral("10.213.%1").arg(firstNet + i);
        r = (*this)({QStringLiteral("up")});
        // Another run's cluster holds this slot (or took it just now): the next one.
        if (r.code == 0 || !(r.output.contains(QStringLiteral("refusing")) ||
                             r.output.contains(QStringLiteral("File exists"))))
            break;
    }
    if (r.code != 0)
        m_name.clear();
    return r;
}

void ClusterScript::down()
{
    if (isUp())
        (*this)({QStringLiteral("down")});
    m_name.clear();
}

ScriptRun ClusterScript::operator()(const QStringList &args, int timeoutMs) const
{
    return run(kSource + QStringLiteral("/scripts/cluster"), args, timeoutMs);
}

ScriptRun ClusterScript::run(const QString &program, const QStringList &args, int timeoutMs) const
{
    std::unique_ptr<QProcess> p = start(program, args);
    return finish(*p, timeoutMs);
}

std::unique_ptr<QProcess> ClusterScript::begin(const QStringList &args) const
{
    return start(kSource + QStringLiteral("/scripts/cluster"), args);
}

std::unique_ptr<QProcess> ClusterScript::start(const QString &program,
                                               const QStringList &args) const
{
    auto p = std::make_unique<QProcess>();
    p->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GW_BUILD_DIR"), gw::test::TestStack::buildDir());
    env.insert(QStringLiteral("CLUSTER_NAME"), m_name);
    env.insert(QStringLiteral("CLUSTER_NET"), m_net);
    env.insert(QStringLiteral("CLUSTER_NO_BUILD"), QStringLiteral("1"));
    env.insert(QStringLiteral("CLUSTER_GATEWAY_ENV"), m_gatewayEnv.join(u' '));
    p->setProcessEnvironment(env);
    p->start(program, args);
    return p;
}

ScriptRun ClusterScript::finish(QProcess &p, int timeoutMs)
{
    // The event loop keeps running meanwhile, so the load goes on while a fault is injected.
    if (p.state() != QProcess::NotRunning) {
        QEventLoop loop;
        QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        if (p.state() != QProcess::NotRunning)
            loop.exec();
    }
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
        return {-1, QString::fromUtf8(p.readAll()) + QStringLiteral("\n(timed out)")};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll())};
}

QString ClusterScript::address(const QString &host) const
{
    return m_net + QStringLiteral(".1") + host.mid(1);
}

QString ClusterScript::apiUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(18000 + 10 * m_net.section(u'.', 2).toInt());
}

QString ClusterScript::runDir() const
{
    return kSource + QStringLiteral("/run/cluster-") + m_name;
}

} // namespace gw::test
