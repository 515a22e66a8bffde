#pragma once
// One request's answer, written at once or later, always on the socket's own thread. A reply
// the handler has not written by the time it returns is held: the socket's signals are blocked
// until it is written, so QtHttpServer neither reads a pipelined next request (answers leave in
// the order of the requests) nor deletes the socket when the client goes. That deletion is what
// makes a late write crash in Qt 6.4 (TOOLCHAIN-FACTS); a socket deleted anyway, by its thread
// ending, is noticed through a QPointer and the reply dropped.
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTcpSocket>

namespace gw::http {

class PendingReply
{
public:
    explicit PendingReply(QHttpServerResponder &&responder);
    PendingReply(const PendingReply &) = delete;
    PendingReply &operator=(const PendingReply &) = delete;
    // Touches no socket: the last owner may be on another thread (a writer dropping an answer
    // it could not deliver because the socket's thread has closed its inbox).
    ~PendingReply() = default;

    bool sent() const { return m_sent; }
    // After the handler returned unanswered: hold the socket until send().
    void hold();
    // The first call writes; later calls do nothing.
    void send(const QHttpServerResponse &response);

private:
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    bool m_held = false;
    bool m_sent = false;
};

} // namespace gw::http
