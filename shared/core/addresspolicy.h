#pragma once
// Which addresses a webhook may be sent to (SSRF protection, SPEC.md "Webhooks"): outside test
// mode, loopback, private, link-local, carrier-grade NAT, unspecified, multicast, documentation
// and cloud metadata addresses are refused, for IPv4, IPv6 and IPv4-mapped IPv6 alike.
#include <QString>

namespace gw {

// True when `ip` (a textual IPv4 or IPv6 address) is a public unicast address. Text that is not
// an address is not public.
bool isPublicAddress(const QString &ip);

} // namespace gw
