#include "support/managedprocess.h"

#include <QDeadlineTimer>
#include <QThread>
#include <csignal>
#include <sys/prctl.h>

namespace gw::test {

ManagedProcess::~ManagedProcess()
{
    if (isRunning())
        kill9();
}

bool ManagedProcess::start(const QString &program, const QStringList &args,
                           const QProcessEnvironment &env)
{
    m_output.clear();
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // If the test process dies, its children must not outlive it.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.start(program, args);
    return m_process.waitForStarted(10000);
}

void ManagedProcess::drain()
{
    m_output += m_process.readAll();
}

QString ManagedProcess::waitForOutput(const QRegularExpression &pattern, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        drain();
        const auto match = pattern.match(QString::fromUtf8(m_output));
        if (match.hasMatch())
            return match.lastCapturedIndex() >= 1 ? match.captured(1) : match.captured(0);
        if (!isRunning())
            return {};
        m_process.waitForReadyRead(50);
    }
    return {};
}

void ManagedProcess::terminate(int timeoutMs)
{
    if (!isRunning())
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs))
        kill9();
    drain();
}

bool ManagedProcess::signalAndWait(int signalNumber, int timeoutMs)
{
    if (!isRunning())
        return true;
    ::kill(pid_t(pid()), signalNumber);
    const bool finished = m_process.waitForFinished(timeoutMs);
    drain();
    return finished;
}

int ManagedProcess::exitCode() const
{
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ManagedProcess::kill9()
{
    if (!isRunning())
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
    drain();
}

} // namespace gw::test
