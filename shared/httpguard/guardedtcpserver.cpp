#include "httpguard/guardedtcpserver.h"

#include "core/logging.h"
#include "httpguard/connectionwatch.h"
#include "httpguard/handshakefilter.h"

#include <QSocketNotifier>
#include <QTcpSocket>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gw::http {

namespace {
constexpr int kAcceptBatch = 64; // accepts per wake-up, so connections get their turn too
constexpr int kMaxRefusing = 64; // refused connections lingering at once; beyond: plain close
constexpr int kRefusalLingerMs = 1'000;
constexpr int kMaxBackoffMs = 1'000;
constexpr qint64 kLogEveryMs = 5'000; // refusals and sheds are logged in bulk
// A handshake under way when the drain begins ends one round trip later.
constexpr int kHandshakeGraceMs = 100;
} // namespace

GuardedTcpServer::GuardedTcpServer(GuardLimits limits, std::shared_ptr<ConnectionBudget> budget,
                                   QObject *parent)
    : QTcpServer(parent), m_limits(limits),
      m_budget(budget ? std::move(budget)
                      : std::make_shared<ConnectionBudget>(limits.maxConnections,
                                                           limits.maxConnectionsPerAddress))
{
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, this, [this] {
        if (m_notifier)
            m_notifier->setEnabled(true);
    });
}

GuardedTcpServer::~GuardedTcpServer()
{
    // The sockets (and their watches) are this object's children and outlive this destructor.
    for (ConnectionWatch *w : std::as_const(m_admitted)) {
        disconnect(w, &ConnectionWatch::closed, this, &GuardedTcpServer::forget);
        m_budget->release(w->peer());
    }
    for (ConnectionWatch *w : std::as_const(m_refused))
        disconnect(w, &ConnectionWatch::closed, this, &GuardedTcpServer::forget);
    closeListener();
}

void GuardedTcpServer::closeListener()
{
    delete m_notifier;
    m_notifier = nullptr;
    m_resume.stop();
    if (m_acceptFd >= 0)
        ::close(m_acceptFd);
    m_acceptFd = -1;
}

void GuardedTcpServer::drain()
{
    if (std::exchange(m_draining, true))
        return;
    for (ConnectionWatch *w : m_admitted.values())
        w->drain(); // may close it and forget it at once
    if (m_acceptFd < 0) {
        stopListening();
        return;
    }
    // Closing the socket now would reset the handshakes the kernel completes until the close
    // (with SO_REUSEPORT each thread has its own socket and queue). New handshakes are dropped
    // from here; those under way finish within the grace and are accepted and drained like the
    // others; then the queue is taken and the socket closed.
    const OkOrError filtered = dropNewHandshakes(m_acceptFd);
    if (!filtered)
        qCWarning(lcHttp).noquote()
            << filtered.error().description << QStringLiteral("(closing the listener at once)");
    QTimer::singleShot(filtered ? kHandshakeGraceMs : 0, this, &GuardedTcpServer::stopListening);
}

void GuardedTcpServer::stopListening()
{
    while (m_acceptFd >= 0) {
        const int fd = ::accept4(m_acceptFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0)
            incomingConnection(fd);
        else if (errno != EINTR && errno != ECONNABORTED)
            break;
    }
    closeListener();
    close(); // the base class's descriptor: with both gone, the socket is closed
    if (m_admitted.isEmpty())
        emit drained();
}

bool GuardedTcpServer::adopt(qintptr listeningDescriptor)
{
    return setSocketDescriptor(listeningDescriptor) && acceptOwnConnections();
}

bool GuardedTcpServer::listenOn(const QHostAddress &address, quint16 port)
{
    return listen(address, port) && acceptOwnConnections();
}

bool GuardedTcpServer::acceptOwnConnections()
{
    // Qt 6.4's accept loop takes EMFILE for a temporary error and retries at once: at the
    // descriptor limit it spins a core and serves nobody. Its notifier is switched off and
    // connections are accepted here instead (acceptReady), through a duplicate of the
    // descriptor: the base class switches its notifier on and off again around each
    // nextPendingConnection, and Qt's own event dispatcher (QT_NO_GLIB) keeps one notifier per
    // descriptor, so a second one on the same descriptor would be dropped by that switching.
    pauseAccepting();
    m_acceptFd = ::fcntl(int(socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (m_acceptFd < 0) {
        m_failure = QStringLiteral("cannot duplicate the listening socket: ") +
                    QString::fromLocal8Bit(strerror(errno));
        return false;
    }
    m_notifier = new QSocketNotifier(m_acceptFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &GuardedTcpServer::acceptReady);
    return true;
}

QString GuardedTcpServer::failure() const
{
    return m_failure.isEmpty() ? errorString() : m_failure;
}

QTcpSocket *GuardedTcpServer::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    pauseAccepting(); // the base class switches its own accept loop back on: keep it off
    return socket;
}

void GuardedTcpServer::acceptReady()
{
    for (int i = 0; i < kAcceptBatch; ++i) {
        const int fd = ::accept4(m_acceptFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
            m_backoffMs = 0;
            incomingConnection(fd);
            continue;
        }
        const int error = errno;
        if (error == EINTR || error == ECONNABORTED)
            continue;
        if (error == EAGAIN || error == EWOULDBLOCK)
            return;
        // Out of descriptors (or memory): make room by closing the oldest idle connection, the
        // way nginx reuses its idle keep-alive connections; with none to close, wait a little.
        const bool outOfResources =
            error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM;
        if (outOfResources && shedOldestIdle())
            continue;
        backOff(error);
        return;
    }
}

void GuardedTcpServer::backOff(int error)
{
    m_notifier->setEnabled(false);
    const bool first = m_backoffMs == 0;
    m_backoffMs = first ? 50 : qMin(m_backoffMs * 2, kMaxBackoffMs);
    if (first)
        qCWarning(lcHttp).noquote()
            << QStringLiteral("accept: %1; no idle connection to close, accepting again in %2 ms")
                   .arg(QString::fromLocal8Bit(strerror(error)))
                   .arg(m_backoffMs);
    m_resume.start(m_backoffMs);
}

bool GuardedTcpServer::shedOldestIdle()
{
    // A connection that looks idle may have a request waiting in the kernel that the event loop
    // has not read yet (a client just accepted, say): it is passed over, a few times at most.
    QSet<ConnectionWatch *> busy;
    for (int attempt = 0; attempt < 8; ++attempt) {
        ConnectionWatch *oldest = nullptr;
        for (ConnectionWatch *w : std::as_const(m_admitted))
            if (w->isIdle() && !busy.contains(w) &&
                (!oldest || w->idleSinceNs() < oldest->idleSinceNs()))
                oldest = w;
        if (!oldest)
            return false;
        if (oldest->hasUnreadBytes()) {
            busy.insert(oldest);
            continue;
        }
        ++m_sheds;
        oldest->shed();
        noteRefusal();
        return true;
    }
    return false;
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor)); // a socket that failed to adopt it does not close it
        return;
    }
    auto verdict = m_budget->admit(socket->peerAddress());
    if (verdict == ConnectionBudget::Verdict::ServerFull && shedOldestIdle())
        verdict = m_budget->admit(socket->peerAddress());
    if (verdict != ConnectionBudget::Verdict::Admitted) {
        refuse(socket, verdict);
        return;
    }
    auto *w = watch(socket);
    m_admitted.insert(w);
    addPendingConnection(socket);
    if (m_draining)
        w->drain();
}

void GuardedTcpServer::refuse(QTcpSocket *socket, ConnectionBudget::Verdict verdict)
{
    ++m_refusals;
    noteRefusal();
    if (m_refused.size() >= kMaxRefusing) {
        delete socket; // closes at once: lingering refusals must not eat the descriptors
        return;
    }
    auto *watch = this->watch(socket);
    m_refused.insert(watch);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    const QString why = verdict == ConnectionBudget::Verdict::AddressFull
                            ? QStringLiteral("Too many connections from %1 (at most %2 at once)")
                                  .arg(watch->peer().toString())
                                  .arg(m_budget->maxPerAddress())
                            : QStringLiteral("The server is at its limit of %1 connections")
                                  .arg(m_budget->maxConnections());
    watch->refuse("503 Service Unavailable", ApiError::unavailable(why), kRefusalLingerMs);
}

void GuardedTcpServer::noteRefusal()
{
    if (m_lastLog.isValid() && m_lastLog.elapsed() < kLogEveryMs)
        return;
    m_lastLog.start();
    qCWarning(lcHttp).noquote()
        << QStringLiteral("connection limits: %1 refused, %2 idle closed to make room (limits: "
                          "%3 per server, %4 per address)")
               .arg(m_refusals)
               .arg(m_sheds)
               .arg(m_budget->maxConnections())
               .arg(m_budget->maxPerAddress());
    m_refusals = 0;
    m_sheds = 0;
}

ConnectionWatch *GuardedTcpServer::watch(QTcpSocket *socket)
{
    auto *w = new ConnectionWatch(socket, m_limits);
    // Direct: closed() may come from the watch's destructor, so forget() runs while it is whole.
    connect(w, &ConnectionWatch::closed, this, &GuardedTcpServer::forget, Qt::DirectConnection);
    return w;
}

void GuardedTcpServer::forget(ConnectionWatch *watch)
{
    if (m_admitted.remove(watch)) {
        m_budget->release(watch->peer());
        if (m_draining && m_acceptFd < 0 && m_admitted.isEmpty())
            emit drained();
    } else {
        m_refused.remove(watch);
    }
}

} // namespace gw::http
