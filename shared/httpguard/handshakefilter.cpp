#include "httpguard/handshakefilter.h"
#include "httpguard/netadmin.h"

#include <cerrno>
#include <cstring>
#include <linux/filter.h>
#include <sys/socket.h>

namespace gw::http {

namespace {
// At a TCP socket's filter the segment starts at the TCP header: byte 13 holds the flags.
constexpr quint32 kFlagsOffset = 13;
constexpr quint32 kSyn = 0x02;
constexpr quint32 kAck = 0x10;
} // namespace

OkOrError dropNewHandshakes(int listeningDescriptor)
{
    sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_B | BPF_ABS, kFlagsOffset),
        BPF_STMT(BPF_ALU | BPF_AND | BPF_K, kSyn | kAck),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kSyn, 0, 1), // SYN without ACK: a new handshake
        BPF_STMT(BPF_RET | BPF_K, 0),                    // dropped
        BPF_STMT(BPF_RET | BPF_K, 0xffffffffU),          // anything else, whole
    };
    const sock_fprog program{static_cast<unsigned short>(std::size(code)), code};
    const bool attached = withNetAdminIfRefused([&] {
        return ::setsockopt(listeningDescriptor, SOL_SOCKET, SO_ATTACH_FILTER, &program,
                            sizeof program) == 0;
    });
    if (!attached) {
        const int error = errno;
        return ApiError::server(QStringLiteral("cannot filter new handshakes: ") +
                                QString::fromLocal8Bit(strerror(error)) +
                                (error == EPERM
                                     ? QStringLiteral(" (this kernel needs CAP_NET_ADMIN for it: "
                                                      "server/README.md, \"Stopping: the drain\")")
                                     : QString()));
    }
    return Ok{};
}

} // namespace gw::http
