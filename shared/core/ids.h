#pragma once
// Object ids: a prefix plus 16 characters of [A-Za-z0-9] from the OS's cryptographic RNG.
#include <QString>

namespace gw::ids {

inline constexpr int kRandomLength = 16;

QString make(QStringView prefix);
inline QString order()
{
    return make(u"order_");
}
inline QString payment()
{
    return make(u"pay_");
}
inline QString refund()
{
    return make(u"rfnd_");
}
inline QString event()
{
    return make(u"evt_");
}
inline QString job()
{
    return make(u"job_");
}

// True when id is prefix followed by exactly 16 characters of [A-Za-z0-9].
bool isValid(QStringView id, QStringView prefix);

} // namespace gw::ids
