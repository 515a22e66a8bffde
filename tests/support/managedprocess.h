#pragma once
// A process under test (server, worker, checkout-web, redis-server): started with a given
// environment, its output captured, killed with the test process if that dies first.
#include <QProcess>
#include <QRegularExpression>
#include <QString>

namespace gw::test {

class ManagedProcess
{
public:
    ManagedProcess() = default;
    ~ManagedProcess();
    ManagedProcess(const ManagedProcess &) = delete;
    ManagedProcess &operator=(const ManagedProcess &) = delete;

    bool start(const QString &program, const QStringList &args, const QProcessEnvironment &env);
    // Waits until a line of output matches; returns the first capture group (or the whole match).
    QString waitForOutput(const QRegularExpression &pattern, int timeoutMs = 20000);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }
    void terminate(int timeoutMs = 10000); // SIGTERM, then SIGKILL after the timeout
    void kill9();                          // SIGKILL at once: the crash case
    // Sends the signal and waits for the process to end; false if it still runs at the timeout.
    bool signalAndWait(int signalNumber, int timeoutMs);
    // How it ended: exit code, or -1 when it did not exit normally (killed by a signal, crashed).
    int exitCode() const;
    QString output() const { return QString::fromUtf8(m_output); }

private:
    void drain();

    QProcess m_process;
    QByteArray m_output;
};

} // namespace gw::test
