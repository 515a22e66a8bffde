#include "core/serviceprocess.h"

#include "core/fdlimit.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace gw {

namespace {
// The pipe's write end, for the handler: a signal handler can reach nothing but globals. Lock-free,
// so reading it in the handler is async-signal-safe.
std::atomic<int> s_signalPipe{-1};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void onStopSignal(int signalNumber)
{
    const int savedErrno = errno;
    const auto byte = static_cast<unsigned char>(signalNumber);
    // A full pipe (non-blocking) already holds a pending stop: nothing is lost by dropping this.
    [[maybe_unused]] const auto written = ::write(s_signalPipe.load(), &byte, 1);
    errno = savedErrno;
}

void setHandler(int signalNumber, void (*handler)(int))
{
    struct sigaction action = {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(signalNumber, &action, nullptr);
}
} // namespace

ServiceProcess::ServiceProcess(const QString &name)
    : m_name(name), m_environment(QProcessEnvironment::systemEnvironment())
{
    QCoreApplication::setApplicationName(name);
    setHandler(SIGPIPE, SIG_IGN);
    raiseFdLimit(); // servers hold many connections; the soft default (often 1,024) is too few
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        qFatal("%s: cannot make the signal pipe: %s", qPrintable(name), std::strerror(errno));
    m_readFd = fds[0];
    m_writeFd = fds[1];
    int expected = -1;
    if (!s_signalPipe.compare_exchange_strong(expected, m_writeFd))
        qFatal("%s: a second ServiceProcess in one process", qPrintable(name));
    m_notifier = new QSocketNotifier(m_readFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ServiceProcess::readPipe);
    setHandler(SIGTERM, onStopSignal);
    setHandler(SIGINT, onStopSignal);
}

ServiceProcess::~ServiceProcess()
{
    setHandler(SIGTERM, SIG_DFL);
    setHandler(SIGINT, SIG_DFL);
    s_signalPipe.store(-1);
    delete m_notifier;
    ::close(m_readFd);
    ::close(m_writeFd);
}

void ServiceProcess::readPipe()
{
    unsigned char received[64];
    ssize_t n;
    while ((n = ::read(m_readFd, received, sizeof received)) > 0) {
        for (ssize_t i = 0; i < n; ++i) {
            std::fprintf(stderr, "%s: %s received, stopping\n", qPrintable(m_name),
                         received[i] == SIGINT ? "SIGINT" : "SIGTERM");
            Q_EMIT stopRequested();
        }
    }
}

std::optional<Config> ServiceProcess::config() const
{
    auto config = Config::fromEnvironment(m_environment);
    if (!config) {
        fail(QStringLiteral("configuration error: ") + config.error().description);
        return std::nullopt;
    }
    return std::move(config.value());
}

int ServiceProcess::fail(const QString &message) const
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(m_name), qPrintable(message));
    return 2;
}

void ServiceProcess::announce(const QString &message) const
{
    std::fprintf(stdout, "%s %s\n", qPrintable(m_name), qPrintable(message));
    std::fflush(stdout);
}

} // namespace gw
