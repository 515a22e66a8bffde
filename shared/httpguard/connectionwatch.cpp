#include "httpguard/connectionwatch.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <algorithm>
#include <chrono>
#include <limits>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace gw::http {

namespace {

qint64 nowNs()
{
    return std::chrono::steady_clock::now().time_since_epoch().count();
}

qint64 nowMs()
{
    return nowNs() / 1'000'000;
}

QByteArray rejection(const char *statusLine, const ApiError &error, const QByteArray &extraHeaders)
{
    const QByteArray body = QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact);
    return QByteArray("HTTP/1.1 ") + statusLine +
           "\r\nContent-Type: application/json\r\nConnection: close\r\n" + extraHeaders +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

ConnectionWatch::ConnectionWatch(QTcpSocket *socket, const GuardLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits), m_framer(limits.frame),
      m_peer(socket->peerAddress())
{
    m_acceptedAt = m_lastReadAt = m_lastWriteAt = nowMs();
    m_lastActivityNs = nowNs();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionWatch::timedOut);
    // Connected before the HTTP server connects its own slots, so these run first.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionWatch::inspect);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionWatch::wrote);
    connect(socket, &QTcpSocket::disconnected, this, &ConnectionWatch::gone);
    schedule();
}

ConnectionWatch::~ConnectionWatch()
{
    gone();
}

void ConnectionWatch::gone()
{
    if (!std::exchange(m_gone, true))
        emit closed(this);
}

void ConnectionWatch::inspect()
{
    if (m_closing) {
        // Lingering: what still arrives is dropped and never reaches the HTTP server.
        m_discarded += m_socket->readAll().size();
        if (m_discarded > m_limits.lingerMaxBytes)
            m_socket->abort();
        return;
    }
    const qint64 now = nowMs();
    m_lastReadAt = now;
    m_lastActivityNs = nowNs();
    switch (m_framer.feed(m_socket->peek(m_socket->bytesAvailable()))) {
    case RequestFramer::Verdict::Fine:
        trackRequests(now);
        schedule();
        return;
    case RequestFramer::Verdict::BodyTooLarge:
        reject("413 Payload Too Large",
               {ErrorCode::PayloadTooLarge,
                QStringLiteral("Request body exceeds the limit of %1 bytes")
                    .arg(m_limits.frame.maxBodyBytes),
                {}});
        return;
    case RequestFramer::Verdict::HeadersTooLarge:
        reject("431 Request Header Fields Too Large",
               {ErrorCode::HeadersTooLarge,
                QStringLiteral("Request headers exceed %1 bytes or %2 fields")
                    .arg(m_limits.frame.maxHeaderBytes)
                    .arg(m_limits.frame.maxHeaderFields),
                {}});
        return;
    case RequestFramer::Verdict::Malformed:
        reject("400 Bad Request", ApiError::badRequest(QStringLiteral("Malformed HTTP request")));
        return;
    }
}

void ConnectionWatch::trackRequests(qint64 now)
{
    const quint64 begun = m_framer.requestsBegun();
    if (begun != m_seenBegun) {
        // A connection's first request has had its deadline running since the accept.
        m_headStartedAt = m_seenBegun == 0 && begun == 1 ? m_acceptedAt : now;
        m_seenBegun = begun;
    }
    if (m_framer.phase() == RequestFramer::Phase::Body && m_bodyOf != begun) {
        m_bodyOf = begun;
        m_bodyStartedAt = now;
    }
    if (m_framer.requestsEnded() != m_seenEnded) {
        m_seenEnded = m_framer.requestsEnded();
        m_awaitingReply = true;
    }
}

void ConnectionWatch::wrote()
{
    m_lastWriteAt = nowMs();
    m_lastActivityNs = nowNs();
    if (m_closing) {
        shutDownWritingOnceSent();
        return;
    }
    if (m_socket->bytesToWrite() == 0)
        m_awaitingReply = false;
    schedule(); // a slow reader that makes progress is not idle
    closeIfDrained();
}

ConnectionWatch::Deadline ConnectionWatch::deadline() const
{
    switch (m_framer.phase()) {
    case RequestFramer::Phase::Idle:
        if (m_draining && m_seenBegun == 0) // its first request, if it comes soon
            return {m_acceptedAt + kFreshGraceMs, Expiry::Idle};
        if (m_seenBegun == 0) // nothing sent since the accept: the first head's deadline runs
            return {m_acceptedAt + m_limits.headerTimeoutMs, Expiry::Idle};
        return {qMax(m_lastReadAt, m_lastWriteAt) + m_limits.idleTimeoutMs, Expiry::Idle};
    case RequestFramer::Phase::Head: {
        const qint64 head = m_headStartedAt + m_limits.headerTimeoutMs;
        const qint64 stall = m_lastReadAt + m_limits.stallTimeoutMs;
        return head <= stall ? Deadline{head, Expiry::Head} : Deadline{stall, Expiry::Stall};
    }
    case RequestFramer::Phase::Body:
        break;
    }
    const Deadline stall{m_lastReadAt + m_limits.stallTimeoutMs, Expiry::Stall};
    if (m_limits.minBodyRate <= 0)
        return stall;
    // The body so far must have kept the minimum rate since the grace period ended.
    const qint64 slow = m_bodyStartedAt + m_limits.bodyGraceMs +
                        m_framer.bodyBytesReceived() * 1000 / m_limits.minBodyRate;
    return slow < stall.atMs ? Deadline{slow, Expiry::SlowBody} : stall;
}

void ConnectionWatch::schedule()
{
    if (m_closing)
        return; // the linger timer runs
    const qint64 wait = deadline().atMs - nowMs();
    m_timer.start(int(std::clamp<qint64>(wait, 0, std::numeric_limits<int>::max())));
}

void ConnectionWatch::timedOut()
{
    if (m_closing) {
        m_socket->abort(); // lingered long enough, or the reply never left
        return;
    }
    const Deadline d = deadline();
    if (nowMs() < d.atMs) {
        schedule(); // timers may fire a little early
        return;
    }
    const auto timeout = [this](const QString &what) {
        // A client this slow is not sending a body worth waiting for: a short linger.
        reject("408 Request Timeout", {ErrorCode::RequestTimeout, what, {}},
               qMin(m_limits.lingerMs, 1'000));
    };
    switch (d.why) {
    case Expiry::Idle:
        if (m_draining) {
            closeGracefully();
            return;
        }
        m_socket->abort(); // nothing under way: a quiet close, as for any idle keep-alive
        return;
    case Expiry::Head:
        timeout(QStringLiteral("The request head did not arrive within %1 ms")
                    .arg(m_limits.headerTimeoutMs));
        return;
    case Expiry::Stall:
        timeout(QStringLiteral("No byte of the request arrived for %1 ms")
                    .arg(m_limits.stallTimeoutMs));
        return;
    case Expiry::SlowBody:
        timeout(QStringLiteral("The request body arrived slower than %1 bytes/s")
                    .arg(m_limits.minBodyRate));
        return;
    }
}

void ConnectionWatch::refuse(const char *statusLine, const ApiError &error, int lingerMs)
{
    // The server logs refusals in bulk: a flood of them must not flood the log.
    answerAndClose(statusLine, error, lingerMs, QByteArrayLiteral("Retry-After: 1\r\n"));
}

void ConnectionWatch::reject(const char *statusLine, const ApiError &error, int lingerMs)
{
    qCInfo(lcHttp).noquote() << "closing connection from" << m_peer.toString() << statusLine
                             << error.description;
    answerAndClose(statusLine, error, lingerMs < 0 ? m_limits.lingerMs : lingerMs, {});
}

void ConnectionWatch::answerAndClose(const char *statusLine, const ApiError &error, int lingerMs,
                                     const QByteArray &extraHeaders)
{
    m_closing = true;
    m_discarded += m_socket->readAll().size();
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_socket->abort();
        return;
    }
    m_socket->write(rejection(statusLine, error, extraHeaders));
    // Close the way nginx's lingering_close does. Closing while the client is still sending
    // (a body written whole before reading, as Node's http and Python requests do) would make
    // the kernel answer with a reset that destroys the reply before the client reads it. So:
    // send the reply, shut down writing, drop what still arrives until the client closes, for
    // at most lingerMs and lingerMaxBytes (a peer that never reads its reply is cut off too).
    m_timer.start(lingerMs);
    shutDownWritingOnceSent();
}

void ConnectionWatch::shutDownWritingOnceSent()
{
    if (m_writingShutDown || m_socket->bytesToWrite() > 0 ||
        m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_writingShutDown = true;
    // The reply is with the kernel: a FIN follows it. Reading goes on until the client closes.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

bool ConnectionWatch::isIdle() const
{
    return !m_closing && !m_awaitingReply && m_framer.phase() == RequestFramer::Phase::Idle &&
           m_socket->bytesToWrite() == 0 && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 ConnectionWatch::idleSinceNs() const
{
    return m_lastActivityNs;
}

bool ConnectionWatch::hasUnreadBytes() const
{
    int pending = 0;
    return m_socket->bytesAvailable() > 0 ||
           (::ioctl(int(m_socket->socketDescriptor()), FIONREAD, &pending) == 0 && pending > 0);
}

void ConnectionWatch::drain()
{
    m_draining = true;
    schedule();
    closeIfDrained();
}

void ConnectionWatch::closeIfDrained()
{
    // A request that arrived but is not read yet is answered first; so is a fresh connection's
    // first request (the idle deadline above closes it if none comes).
    if (!m_draining || m_closing || m_awaitingReply ||
        m_framer.phase() != RequestFramer::Phase::Idle || m_socket->bytesToWrite() > 0 ||
        m_seenBegun == 0 || hasUnreadBytes())
        return;
    closeGracefully();
}

void ConnectionWatch::closeGracefully()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_socket->abort();
        return;
    }
    // As a rejection closes (answerAndClose), without the answer: the client reads a FIN, never
    // a reset, even if a request of its crosses it.
    m_closing = true;
    m_timer.start(m_limits.lingerMs);
    shutDownWritingOnceSent();
}

void ConnectionWatch::shed()
{
    m_socket->abort(); // closes the descriptor now
    gone();
}

} // namespace gw::http
