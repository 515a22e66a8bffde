#pragma once
// The TCP listener in front of QtHttpServer. Every connection is watched (ConnectionWatch) before
// the HTTP server sees its bytes, enforcing what Qt 6.4 lacks: size limits answered from the
// header, deadlines for idle connections, whole request heads and slow bodies, and rejections
// closed without a reset. It also caps connections per server and per client address (through a
// ConnectionBudget shared by the server's threads) and accepts connections itself, so that
// running out of file descriptors sheds the oldest idle connection or backs off instead of
// spinning.
#include "httpguard/connectionbudget.h"
#include "httpguard/guardlimits.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>
#include <memory>

class QSocketNotifier;

namespace gw::http {

class ConnectionWatch;

class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    // Threads of one server share `budget`; null: a budget of this server's own from `limits`.
    explicit GuardedTcpServer(GuardLimits limits, std::shared_ptr<ConnectionBudget> budget = {},
                              QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    // Takes over a listening socket, or listens; false with failure() saying why.
    bool adopt(qintptr listeningDescriptor);
    bool listenOn(const QHostAddress &address, quint16 port);
    QString failure() const;

    QTcpSocket *nextPendingConnection() override;

    // Stopping: lets every connection finish what it has under way and close
    // (ConnectionWatch::drain); stops new handshakes at once (dropNewHandshakes), accepts those
    // under way for a short grace, then closes the listening socket (new connections are
    // refused, none made and then reset). drained() once the socket is closed and no connection
    // is left.
    void drain();
    int openConnections() const { return int(m_admitted.size()); }

signals:
    void drained();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool acceptOwnConnections();
    void acceptReady();
    void backOff(int error);
    bool shedOldestIdle();
    void refuse(QTcpSocket *socket, ConnectionBudget::Verdict verdict);
    void noteRefusal();
    ConnectionWatch *watch(QTcpSocket *socket);
    void forget(ConnectionWatch *watch);
    void stopListening();
    void closeListener();

    GuardLimits m_limits;
    std::shared_ptr<ConnectionBudget> m_budget;
    int m_acceptFd = -1; // a duplicate of the listening descriptor, accepted from here
    QSocketNotifier *m_notifier = nullptr;
    QString m_failure; // why acceptOwnConnections failed
    QTimer m_resume;
    int m_backoffMs = 0;
    QSet<ConnectionWatch *> m_admitted;
    QSet<ConnectionWatch *> m_refused; // answered 503, lingering until they close
    qint64 m_refusals = 0;             // since the last log line about them
    qint64 m_sheds = 0;
    QElapsedTimer m_lastLog;
    bool m_draining = false;
};

} // namespace gw::http
