#include "httpguard/trustedproxies.h"
#include "httpguard/plainaddress.h"

namespace gw::http {

Result<TrustedProxies> TrustedProxies::parse(const QString &text)
{
    TrustedProxies t;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString entry = part.trimmed();
        if (entry.isEmpty())
            continue;
        QPair<QHostAddress, int> subnet = entry.contains(QLatin1Char('/'))
                                              ? QHostAddress::parseSubnet(entry)
                                              : qMakePair(QHostAddress(entry), -1);
        if (subnet.first.isNull())
            return ApiError::badRequest(
                QStringLiteral("TRUSTED_PROXIES: \"%1\" is not an address or subnet").arg(entry),
                QStringLiteral("TRUSTED_PROXIES"));
        subnet.first = plainAddress(subnet.first);
        if (subnet.second < 0)
            subnet.second = subnet.first.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        t.m_subnets.append(subnet);
    }
    return t;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress a = plainAddress(address);
    for (const auto &s : m_subnets)
        if (a.isInSubnet(s))
            return true;
    return false;
}

QHostAddress TrustedProxies::clientOf(const QHostAddress &peer,
                                      const QList<QByteArray> &forwardedFor) const
{
    QHostAddress client = plainAddress(peer);
    if (!contains(client))
        return client;
    QList<QByteArray> hops;
    for (const QByteArray &line : forwardedFor)
        hops += line.split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress a(QString::fromLatin1(hop->trimmed()));
        if (a.isNull())
            return client;
        client = plainAddress(a);
        if (!contains(client))
            return client;
    }
    return client;
}

} // namespace gw::http
