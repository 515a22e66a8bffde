#include "server/guardedtcpserver.h"

#include "core/apierror.h"
#include "core/logging.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>
#include <sys/socket.h>

namespace gw::http {

namespace {

QByteArray rejection(const char *statusLine, const ApiError &error)
{
    const QByteArray body = QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact);
    return QByteArray("HTTP/1.1 ") + statusLine +
           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Watches one socket. Lives as the socket's child, so it goes when the HTTP server deletes it.
class SocketWatch : public QObject
{
public:
    SocketWatch(QTcpSocket *socket, const GuardLimits &limits)
        : QObject(socket), m_socket(socket), m_limits(limits), m_framer(limits.frame)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &SocketWatch::timedOut);
        // Connected before the HTTP server connects its own slot, so this runs first.
        connect(socket, &QTcpSocket::readyRead, this, &SocketWatch::inspect);
        connect(socket, &QTcpSocket::bytesWritten, this, &SocketWatch::wrote);
        rearm();
    }

private:
    void inspect()
    {
        if (m_rejected) {
            // Lingering: what still arrives is dropped and never reaches the HTTP server.
            m_discarded += m_socket->readAll().size();
            if (m_discarded > m_limits.lingerMaxBytes)
                m_socket->abort();
            return;
        }
        const QByteArray bytes = m_socket->peek(m_socket->bytesAvailable());
        switch (m_framer.feed(bytes)) {
        case RequestFramer::Verdict::Fine:
            rearm();
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
            reject("400 Bad Request",
                   ApiError::badRequest(QStringLiteral("Malformed HTTP request")));
            return;
        }
    }

    void reject(const char *statusLine, const ApiError &error)
    {
        m_rejected = true;
        m_socket->readAll();
        qCInfo(lcHttp) << "rejected connection from" << m_socket->peerAddress().toString()
                       << statusLine;
        m_socket->write(rejection(statusLine, error));
        // Close the way nginx's lingering_close does. Closing while the client is still sending
        // (a body written whole before reading, as Node's http and Python requests do) would make
        // the kernel answer with a reset that destroys the reply before the client reads it. So:
        // send the reply, shut down writing, drop what still arrives until the client closes, for
        // at most lingerMs and lingerMaxBytes (a peer that never reads its reply is cut off too).
        m_timer.start(m_limits.lingerMs);
        shutDownWritingOnceSent();
    }

    void wrote()
    {
        if (m_rejected)
            shutDownWritingOnceSent();
        else
            rearm();
    }

    void shutDownWritingOnceSent()
    {
        if (m_writingShutDown || m_socket->bytesToWrite() > 0 ||
            m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_writingShutDown = true;
        // The reply is with the kernel: a FIN follows it. Reading goes on until the client closes.
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    }

    void rearm()
    {
        if (m_rejected)
            return;
        m_timer.start(m_framer.inRequest() ? m_limits.stallTimeoutMs : m_limits.idleTimeoutMs);
    }

    void timedOut()
    {
        // A slow reader that makes progress re-arms through bytesWritten; reaching here means none.
        m_socket->abort();
    }

    QTcpSocket *m_socket;
    GuardLimits m_limits;
    RequestFramer m_framer;
    QTimer m_timer;
    bool m_rejected = false;
    bool m_writingShutDown = false;
    qint64 m_discarded = 0;
};

} // namespace

GuardedTcpServer::GuardedTcpServer(GuardLimits limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    new SocketWatch(socket, m_limits);
    addPendingConnection(socket);
}

} // namespace gw::http
