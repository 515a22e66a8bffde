#pragma once
// One API server thread: its own event loop, QHttpServer, guard, PostgreSQL and Redis
// connections. Threads share nothing but the read-only Config and the listening port.
//
// Threading model: N of these run side by side on one SO_REUSEPORT port. Handlers run a short
// transaction on the thread's own connection and reply before returning to the event loop, except
// a group-committed create, which is answered later from this thread's inbox once its batch has
// committed; its connection is held meanwhile (PendingReply), so that reply is never written to a
// client that has been deleted (the Qt 6.4 late-responder crash). No QFuture routes.
#include "core/config.h"
#include "httpguard/guardedtcpserver.h"

#include <QSemaphore>
#include <QThread>

namespace gw::http {

class Metrics;
class PaymentWriter;
class DatabaseWatch;

class ApiServer : public QThread
{
    Q_OBJECT
public:
    // `metrics` is shared by every thread (it may be null).
    // `budget` caps connections across every thread of the server.
    // `payments` is the process's group commit of creates (null: one transaction each).
    ApiServer(const Config &config, int listenDescriptor, GuardLimits limits,
              std::shared_ptr<ConnectionBudget> budget, Metrics *metrics = nullptr,
              PaymentWriter *payments = nullptr, const DatabaseWatch *databaseWatch = nullptr,
              QObject *parent = nullptr);

    // Starting is two steps for the process: start() every server, wait until each is ready (its
    // thread, its PostgreSQL connection and its job pusher's thread are up), then let each begin
    // accepting. A thread that is still starting when the others' connections use up the
    // descriptors cannot create its event dispatcher, and Qt aborts the process
    // (tst_guardlimits, under load).
    void waitUntilReady() { m_ready.acquire(); }
    void beginAccepting() { m_go.release(); }
    // Stopping (from any thread): the thread stops accepting, answers every request under way
    // (a create waiting for its batch too) with `Connection: close`, closes each connection once
    // answered, and ends when none is left. The caller bounds it with wait() and quit().
    void drain() { Q_EMIT drainRequested(); }

Q_SIGNALS:
    void failed(const QString &why);
    void drainRequested();

protected:
    void run() override;

private:
    const Config &m_config;
    int m_descriptor;
    GuardLimits m_limits;
    std::shared_ptr<ConnectionBudget> m_budget;
    Metrics *m_metrics;
    PaymentWriter *m_payments;
    const DatabaseWatch *m_databaseWatch;
    QSemaphore m_ready;
    QSemaphore m_go;
};

} // namespace gw::http
