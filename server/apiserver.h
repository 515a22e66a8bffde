#pragma once
// One API server thread: its own event loop, QHttpServer, guard, PostgreSQL and Redis
// connections. Threads share nothing but the read-only Config and the listening port.
//
// Threading model: N of these run side by side on one SO_REUSEPORT port. Handlers are
// synchronous (a short transaction on the thread's own connection) and only ever write their
// reply from the thread that owns the socket, before returning to the event loop, so a reply is
// never written to a client that has already been deleted (the Qt 6.4 crash with QFuture
// routes and late responders cannot happen here).
#include "core/config.h"
#include "server/guardedtcpserver.h"

#include <QThread>

namespace gw::http {

class Metrics;

class ApiServer : public QThread
{
    Q_OBJECT
public:
    // `metrics` is shared by every thread (it may be null).
    ApiServer(const Config &config, int listenDescriptor, GuardLimits limits,
              Metrics *metrics = nullptr, QObject *parent = nullptr);

Q_SIGNALS:
    void failed(const QString &why);

protected:
    void run() override;

private:
    const Config &m_config;
    int m_descriptor;
    GuardLimits m_limits;
    Metrics *m_metrics;
};

} // namespace gw::http
