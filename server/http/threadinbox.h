#pragma once
// Hands work from other threads to one server thread's event loop: the payment writer answers a
// create through it on the thread that owns the client's socket (a QTcpSocket may only be used
// from its own thread). Shared by pointer, so a writer may keep it after the thread has ended:
// work posted after close() is dropped and never reaches an object that is gone.
#include <QMutex>
#include <QObject>
#include <functional>

namespace gw::http {

class ThreadInbox
{
public:
    explicit ThreadInbox(QObject *receiver) : m_receiver(receiver) {}

    // Any thread: runs `work` on the receiver's thread, later; false (and `work` dropped) once
    // the inbox is closed.
    bool post(std::function<void()> work);
    // The receiver's thread, before the receiver goes.
    void close();

private:
    QMutex m_mutex;
    QObject *m_receiver;
};

} // namespace gw::http
