#include "core/addresspolicy.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace gw {

namespace {

bool inV4(quint32 a, quint32 net, int bits)
{
    const quint32 mask = bits == 0 ? 0 : ~quint32(0) << (32 - bits);
    return (a & mask) == (net & mask);
}

constexpr quint32 v4(int a, int b, int c, int d)
{
    return quint32(a) << 24 | quint32(b) << 16 | quint32(c) << 8 | quint32(d);
}

bool isPublicV4(quint32 a)
{
    static const struct
    {
        quint32 net;
        int bits;
    } blocked[] = {
        {v4(0, 0, 0, 0), 8},       // "this" network, 0.0.0.0
        {v4(10, 0, 0, 0), 8},      // private
        {v4(100, 64, 0, 0), 10},   // carrier-grade NAT
        {v4(127, 0, 0, 0), 8},     // loopback
        {v4(169, 254, 0, 0), 16},  // link-local, incl. 169.254.169.254 metadata
        {v4(172, 16, 0, 0), 12},   // private
        {v4(192, 0, 0, 0), 24},    // IETF protocol assignments
        {v4(192, 0, 2, 0), 24},    // documentation
        {v4(192, 88, 99, 0), 24},  // 6to4 relay anycast
        {v4(192, 168, 0, 0), 16},  // private
        {v4(198, 18, 0, 0), 15},   // benchmarking
        {v4(198, 51, 100, 0), 24}, // documentation
        {v4(203, 0, 113, 0), 24},  // documentation
        {v4(224, 0, 0, 0), 4},     // multicast
        {v4(240, 0, 0, 0), 4},     // reserved and broadcast
    };
    for (const auto &b : blocked)
        if (inV4(a, b.net, b.bits))
            return false;
    return true;
}

bool isPublicV6(const std::array<unsigned char, 16> &a)
{
    static const unsigned char zeros[16] = {};
    // ::/128 unspecified, ::1 loopback, and the deprecated IPv4-compatible ::a.b.c.d
    if (std::memcmp(a.data(), zeros, 12) == 0)
        return false;
    // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64): judge the embedded IPv4 address.
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (std::memcmp(a.data(), mapped, 12) == 0 || std::memcmp(a.data(), nat64, 12) == 0)
        return isPublicV4(v4(a[12], a[13], a[14], a[15]));
    if ((a[0] & 0xfe) == 0xfc) // fc00::/7 unique local (incl. fd00::/8, fd00:ec2::254)
        return false;
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) // fe80::/10 link-local
        return false;
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated)
        return false;
    if (a[0] == 0xff) // multicast
        return false;
    if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) // 2001:db8::/32 documentation
        return false;
    if (a[0] == 0x20 && a[1] == 0x02) // 6to4: judge the embedded IPv4 address
        return isPublicV4(v4(a[2], a[3], a[4], a[5]));
    return true;
}

} // namespace

bool isPublicAddress(const QString &ip)
{
    const QByteArray text = ip.trimmed().toLatin1();
    in_addr a4{};
    if (inet_pton(AF_INET, text.constData(), &a4) == 1)
        return isPublicV4(ntohl(a4.s_addr));
    std::array<unsigned char, 16> a6{};
    QByteArray noZone = text.left(text.indexOf('%') < 0 ? text.size() : text.indexOf('%'));
    if (inet_pton(AF_INET6, noZone.constData(), a6.data()) == 1)
        return isPublicV6(a6);
    return false;
}

} // namespace gw
