#include "server/http/pendingreply.h"

#include <QMetaObject>

namespace gw::http {

PendingReply::PendingReply(QHttpServerResponder &&responder)
    : m_responder(std::move(responder)), m_socket(m_responder.socket())
{
}

void PendingReply::hold()
{
    if (m_sent || m_held || !m_socket)
        return;
    m_held = true;
    m_socket->blockSignals(true);
}

void PendingReply::send(const QHttpServerResponse &response)
{
    if (std::exchange(m_sent, true))
        return;
    QTcpSocket *socket = m_socket.data();
    if (!socket)
        return; // the connection's thread has ended
    const bool held = std::exchange(m_held, false);
    if (held)
        socket->blockSignals(false);
    if (socket->state() != QAbstractSocket::ConnectedState) {
        // The client went while its reply was held: the signal it missed lets QtHttpServer and
        // the guard let go of the connection now.
        if (held)
            QMetaObject::invokeMethod(socket, &QAbstractSocket::disconnected, Qt::QueuedConnection);
        return;
    }
    response.write(std::move(m_responder));
    // A request pipelined behind this one arrived while it was held: it is read now, in order.
    if (held && socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(socket, &QAbstractSocket::readyRead, Qt::QueuedConnection);
}

} // namespace gw::http
