#pragma once
// The start and the stop every long-running process of the gateway shares (gateway-server,
// gateway-worker, checkout-web). Made first thing in main, right after the QCoreApplication: it
// names the application, ignores SIGPIPE (a peer that hangs up is an error value, not the end of
// the process), raises the soft file-descriptor limit to the hard one (core/fdlimit.h) and turns
// SIGTERM and SIGINT into stopRequested() on the main thread.
//
// A signal handler may only call async-signal-safe functions, so it does nothing but write() the
// signal's number into a pipe; a QSocketNotifier on the other end emits stopRequested() from the
// event loop. A signal that comes before the loop runs (during migrations, say) waits in the pipe
// and is acted on as soon as the loop starts, instead of being lost.
#include "core/config.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <optional>

class QSocketNotifier;

namespace gw {

class ServiceProcess : public QObject
{
    Q_OBJECT
public:
    // One at a time in a process: the signal handler can reach only one pipe.
    explicit ServiceProcess(const QString &name);
    ~ServiceProcess() override;
    ServiceProcess(const ServiceProcess &) = delete;
    ServiceProcess &operator=(const ServiceProcess &) = delete;

    const QProcessEnvironment &environment() const { return m_environment; }
    // The configuration from the environment, or nothing once the error has been printed.
    std::optional<Config> config() const;

    // Prints "name: message" on stderr; returns the exit status of a failed start.
    int fail(const QString &message) const;
    // Prints "name message" on stdout at once: the line tests and scripts wait for.
    void announce(const QString &message) const;

Q_SIGNALS:
    // Once per signal received; the receiver decides what stopping means (and that twice is once).
    void stopRequested();

private:
    void readPipe();

    QString m_name;
    QProcessEnvironment m_environment;
    int m_readFd = -1;
    int m_writeFd = -1;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace gw
