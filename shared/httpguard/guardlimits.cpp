#include "httpguard/guardlimits.h"

namespace gw::http {

GuardLimits GuardLimits::fromConfig(const Config &config)
{
    GuardLimits limits;
    limits.idleTimeoutMs = config.httpIdleTimeoutMs;
    limits.stallTimeoutMs = config.httpStallTimeoutMs;
    limits.headerTimeoutMs = config.httpHeaderTimeoutMs;
    limits.bodyGraceMs = config.httpHeaderTimeoutMs;
    limits.minBodyRate = config.httpMinBodyRate;
    limits.maxConnections = config.httpMaxConnections;
    limits.maxConnectionsPerAddress = config.httpMaxConnectionsPerIp;
    return limits;
}

} // namespace gw::http
