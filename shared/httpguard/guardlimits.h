#pragma once
// What the guard in front of QtHttpServer allows one connection: sizes, deadlines, how a
// rejection is closed, and how many connections a server and one client address may hold.
#include "core/config.h"
#include "httpguard/requestframer.h"

namespace gw::http {

struct GuardLimits
{
    FrameLimits frame;
    int idleTimeoutMs = 60'000;  // keep-alive connection with no request under way
    int stallTimeoutMs = 10'000; // a request started but no byte arrived for this long
    // The whole request head (request line and headers) must arrive within this, counted from
    // its first byte, or from the accept for a connection's first request.
    int headerTimeoutMs = 10'000;
    // After the head (and this grace period) the body must keep up this average rate (bytes/s);
    // 0 turns the check off.
    int minBodyRate = 1024;
    int bodyGraceMs = 10'000;
    // After a rejection the reply is sent, writing shut down and what the client still sends is
    // read and dropped until it closes, for at most this long and this many bytes (lingering
    // close).
    int lingerMs = 5'000;
    qint64 lingerMaxBytes = 16 * 1024 * 1024;
    int maxConnections = 10'000;        // per server process, all threads together
    int maxConnectionsPerAddress = 256; // per client IP address; 0: no cap

    static GuardLimits fromConfig(const Config &config);
};

} // namespace gw::http
