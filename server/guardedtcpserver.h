#pragma once
// The TCP listener in front of QtHttpServer. It sees every connection's bytes before the HTTP
// server does and enforces what Qt 6.4 lacks: 413 for bodies over the limit (answered from the
// header, before any body is read), 431 for oversized headers, and closing connections that sit
// idle or stall half-way through a request.
#include "server/requestframer.h"

#include <QTcpServer>

namespace gw::http {

struct GuardLimits
{
    FrameLimits frame;
    int idleTimeoutMs = 60'000;  // keep-alive connection with no request under way
    int stallTimeoutMs = 10'000; // a request started but no byte arrived for this long
};

class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(GuardLimits limits, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    GuardLimits m_limits;
};

} // namespace gw::http
