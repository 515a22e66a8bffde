#pragma once
// The TCP listener in front of QtHttpServer. It sees every connection's bytes before the HTTP
// server does and enforces what Qt 6.4 lacks: 413 for bodies over the limit (answered from the
// header, before any body is read), 431 for oversized headers, and closing connections that sit
// idle or stall half-way through a request. Rejections close without a reset (lingering close),
// so that a client still sending its body can read the reply.
#include "server/requestframer.h"

#include <QTcpServer>

namespace gw::http {

struct GuardLimits
{
    FrameLimits frame;
    int idleTimeoutMs = 60'000;  // keep-alive connection with no request under way
    int stallTimeoutMs = 10'000; // a request started but no byte arrived for this long
    // After a rejection the reply is sent, writing shut down and what the client still sends is
    // read and dropped until it closes, for at most this long and this many bytes (lingering
    // close).
    int lingerMs = 5'000;
    qint64 lingerMaxBytes = 16 * 1024 * 1024;
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
