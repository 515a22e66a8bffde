#pragma once
// Which peers may say who the client is (TRUSTED_PROXIES). Behind a load balancer every connection
// comes from the balancer's address, so a per-address limit would see one client for all of them;
// HAProxy says who the client is in X-Forwarded-For. A request from a trusted peer is taken to
// come from the last address in that header that is not itself a trusted proxy; from any other
// peer the header is ignored, so a client cannot choose its own address.
#include "core/result.h"

#include <QHostAddress>
#include <QList>
#include <QPair>

namespace gw::http {

class TrustedProxies
{
public:
    // "10.213.7.1, 172.29.7.0/24, ::1": addresses and subnets, comma-separated; empty: none.
    static Result<TrustedProxies> parse(const QString &text);

    bool contains(const QHostAddress &address) const;
    bool isEmpty() const { return m_subnets.isEmpty(); }

    // The client of a request from `peer` whose X-Forwarded-For lines, in order, are
    // `forwardedFor` (each a comma-separated list). `peer` itself unless it is trusted; else the
    // list walked from its end past trusted proxies, stopping at an entry that is not an address
    // (the last trusted hop is then the client).
    QHostAddress clientOf(const QHostAddress &peer, const QList<QByteArray> &forwardedFor) const;

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

} // namespace gw::http
