#pragma once
// A listening socket with SO_REUSEPORT, so that every server thread accepts on the same port and
// the kernel spreads connections across them.
#include "core/result.h"

#include <QHostAddress>

namespace gw::http {

// Returns the listening descriptor; with port 0 the kernel picks one (read it with boundPort).
Result<int> listenReusePort(const QHostAddress &address, quint16 port);
quint16 boundPort(int descriptor);

} // namespace gw::http
