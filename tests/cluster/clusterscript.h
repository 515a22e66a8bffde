#pragma once
// scripts/cluster for a suite: its own cluster in a slot of its own (CLUSTER_NAME and CLUSTER_NET,
// the first of ten whose names and /24 are free), the script run without blocking the event loop,
// the hosts' addresses and HAProxy's URLs.
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

namespace gw::test {

struct ScriptRun
{
    int code = -1;
    QString output;
};

class ClusterScript
{
public:
    static const QStringList &hosts();

    // Brings a cluster up in the first free slot named `prefix`0..9 on 10.213.`firstNet`+i.0/24.
    ScriptRun up(const QString &prefix, int firstNet);
    // Settings added to every gateway process's environment by `up` (CLUSTER_GATEWAY_ENV).
    void setGatewayEnvironment(const QStringList &settings) { m_gatewayEnv = settings; }
    void down();
    bool isUp() const { return !m_name.isEmpty(); }

    ScriptRun operator()(const QStringList &args, int timeoutMs = 300'000) const;
    // Any program, with the slot's environment (what scripts/cluster needs to find its cluster).
    ScriptRun run(const QString &program, const QStringList &args, int timeoutMs) const;
    // The script started and left running (the suite does other work meanwhile); finish() waits
    // for it, the event loop running, and gives its outcome.
    std::unique_ptr<QProcess> begin(const QStringList &args) const;
    static ScriptRun finish(QProcess &p, int timeoutMs = 300'000);

    QString name() const { return m_name; }
    QString address(const QString &host) const;
    QString rootAddress() const { return m_net + QStringLiteral(".1"); } // the bridge's root side
    QString apiUrl() const;
    QString runDir() const;

private:
    std::unique_ptr<QProcess> start(const QString &program, const QStringList &args) const;

    QString m_name;
    QString m_net;
    QStringList m_gatewayEnv;
};

} // namespace gw::test
