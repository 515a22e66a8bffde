#include "worker/hostresolver.h"

#include <QHostInfo>

namespace gw::worker {

void SystemResolver::lookup(const QString &host, QObject *context, LookupCallback done)
{
    QHostInfo::lookupHost(host, context, [done = std::move(done)](const QHostInfo &info) {
        done(info.addresses(), info.errorString());
    });
}

} // namespace gw::worker
