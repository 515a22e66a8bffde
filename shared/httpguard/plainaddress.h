#pragma once
// An IPv4 client reaching an IPv6 socket (::ffff:a.b.c.d) is its IPv4 address, for every count
// and comparison by address (the connection budget, trusted proxies).
#include <QHostAddress>

namespace gw::http {

inline QHostAddress plainAddress(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace gw::http
