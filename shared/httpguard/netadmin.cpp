#include "httpguard/netadmin.h"

#include <cerrno>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace gw::http {

namespace {

struct Capabilities
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0}; // 0: this thread
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
};

constexpr unsigned kIndex = CAP_TO_INDEX(CAP_NET_ADMIN);
constexpr __u32 kBit = CAP_TO_MASK(CAP_NET_ADMIN);

} // namespace

bool setNetAdminEffective(bool on)
{
    Capabilities c;
    if (::syscall(SYS_capget, &c.header, c.data) != 0 || !(c.data[kIndex].permitted & kBit))
        return false;
    if (on)
        c.data[kIndex].effective |= kBit;
    else
        c.data[kIndex].effective &= ~kBit;
    return ::syscall(SYS_capset, &c.header, c.data) == 0;
}

bool netAdminEffective()
{
    Capabilities c;
    return ::syscall(SYS_capget, &c.header, c.data) == 0 && (c.data[kIndex].effective & kBit);
}

bool withNetAdminIfRefused(const std::function<bool()> &call)
{
    if (call())
        return true;
    const int refused = errno;
    if (refused != EPERM || !setNetAdminEffective(true)) {
        errno = refused;
        return false;
    }
    const bool done = call();
    const int error = errno;
    setNetAdminEffective(false);
    errno = error;
    return done;
}

} // namespace gw::http
