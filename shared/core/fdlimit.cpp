#include "core/fdlimit.h"

#include "core/logging.h"

#include <cerrno>
#include <cstring>
#include <sys/resource.h>

namespace gw {

quint64 raiseFdLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        qCWarning(lcConfig) << "getrlimit(RLIMIT_NOFILE):" << strerror(errno);
        return 0;
    }
    const rlim_t before = limit.rlim_cur;
    if (before != limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
            qCWarning(lcConfig) << "cannot raise the file-descriptor limit from" << quint64(before)
                                << "to" << quint64(limit.rlim_max) << ":" << strerror(errno);
            return quint64(before);
        }
    }
    qCInfo(lcConfig) << "file-descriptor limit" << quint64(limit.rlim_cur) << "(soft was"
                     << quint64(before) << ")";
    return quint64(limit.rlim_cur);
}

} // namespace gw
