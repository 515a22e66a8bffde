#pragma once
// Watches one connection's bytes before QtHttpServer sees them: rejects requests over the size
// limits, enforces the deadlines (idle keep-alive, whole request head, stalls, minimum body
// rate), and closes a rejected connection without a reset (lingering close). Lives as the
// socket's child, so it goes when the socket does; says so once through closed().
#include "core/apierror.h"
#include "httpguard/guardlimits.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace gw::http {

class ConnectionWatch : public QObject
{
    Q_OBJECT
public:
    ConnectionWatch(QTcpSocket *socket, const GuardLimits &limits);
    ~ConnectionWatch() override;

    // Answers at once and closes: for a connection the server will not take.
    void refuse(const char *statusLine, const ApiError &error, int lingerMs);
    // No request under way, no reply pending, not closing: may be closed to make room.
    bool isIdle() const;
    qint64 idleSinceNs() const; // fine enough that the oldest is never a tie

    // Bytes the kernel holds that the event loop has not read yet.
    bool hasUnreadBytes() const;
    void shed();
    // The server is stopping: the request under way (if any) is answered, then the connection
    // is closed without a reset (writing shut down, what still arrives dropped). One that has
    // sent nothing yet gets kFreshGraceMs for its first request.
    void drain();
    QHostAddress peer() const { return m_peer; }
    static constexpr qint64 kFreshGraceMs = 1'000;

signals:
    // The connection has closed or its watch is going: emitted once, the watch still whole.
    void closed(gw::http::ConnectionWatch *watch);

private:
    enum class Expiry { Idle, Head, Stall, SlowBody };
    struct Deadline
    {
        qint64 atMs;
        Expiry why;
    };

    void inspect();
    void trackRequests(qint64 now);
    void wrote();
    Deadline deadline() const;
    void schedule();
    void timedOut();
    void reject(const char *statusLine, const ApiError &error, int lingerMs = -1);
    void answerAndClose(const char *statusLine, const ApiError &error, int lingerMs,
                        const QByteArray &extraHeaders);
    void shutDownWritingOnceSent();
    void closeIfDrained();
    void closeGracefully();
    void gone();

    QTcpSocket *m_socket;
    GuardLimits m_limits;
    RequestFramer m_framer;
    bool m_gone = false; // closed() emitted
    QHostAddress m_peer;
    QTimer m_timer;
    qint64 m_acceptedAt;
    qint64 m_lastReadAt;
    qint64 m_lastWriteAt;
    qint64 m_lastActivityNs;
    qint64 m_headStartedAt = 0;
    qint64 m_bodyStartedAt = 0;
    quint64 m_seenBegun = 0;
    quint64 m_seenEnded = 0;
    quint64 m_bodyOf = 0;         // the request whose body m_bodyStartedAt belongs to
    bool m_awaitingReply = false; // a request has arrived whole and its reply is not out yet
    bool m_closing = false;       // rejected: lingering until the client closes
    bool m_writingShutDown = false;
    bool m_draining = false; // the server is stopping: close once nothing is under way
    qint64 m_discarded = 0;
};

} // namespace gw::http
