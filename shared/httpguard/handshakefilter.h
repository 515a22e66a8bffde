#pragma once
// Closing a listening socket resets every connection whose handshake the kernel completed but
// nobody accepted yet, and new handshakes keep completing until the very close. A classic BPF
// filter on the listening socket that drops segments with SYN set and ACK clear stops new
// handshakes while letting those under way finish (their last ACK passes): the client's SYN is
// retried after a second, finds the socket closed and is refused, never made and then reset.
// SO_ATTACH_FILTER: unprivileged before Linux commit 5d39580f68e6, CAP_NET_ADMIN since (raised
// for the call when only permitted, netadmin.h). Accepted connections inherit the filter, and
// never see such a segment.
#include "core/result.h"

namespace gw::http {

OkOrError dropNewHandshakes(int listeningDescriptor);

} // namespace gw::http
