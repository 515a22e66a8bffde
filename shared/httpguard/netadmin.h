#pragma once
// CAP_NET_ADMIN made effective for one call, on the calling thread only, when the process holds
// it as permitted but not effective. Since Linux commit 5d39580f68e6 (6.18 has it) attaching a
// socket filter to a TCP socket needs CAP_NET_ADMIN; the drain's handshake filter does that
// (handshakefilter.h). The runtime image runs gateway-server as an unprivileged user with the file
// capability `cap_net_admin=p` (Dockerfile): held, never effective except around that one
// setsockopt. Capabilities are per thread, so other threads never hold it effective.
#include <functional>

namespace gw::http {

// Runs `call` once as the thread is. If it returns false with EPERM and CAP_NET_ADMIN is
// permitted, raises it, runs `call` again, and lowers it before returning. Returns call's result;
// errno is the last call's.
bool withNetAdminIfRefused(const std::function<bool()> &call);

// This thread's CAP_NET_ADMIN: made effective or not (false when it is not permitted), and
// whether it is effective now.
bool setNetAdminEffective(bool on);
bool netAdminEffective();

} // namespace gw::http
