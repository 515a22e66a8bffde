#pragma once
// Looks a webhook host name up once per attempt. The sender applies the address policy to every
// answer and connects to the address it chose (with the original Host header and TLS name), so a
// name whose answer changes between the check and the connection (DNS rebinding) cannot steer a
// delivery elsewhere. An interface so that tests can answer as a rebinding DNS server would.
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <functional>

namespace gw::worker {

class HostResolver
{
public:
    using LookupCallback =
        std::function<void(const QList<QHostAddress> &addresses, const QString &error)>;
    virtual ~HostResolver() = default;
    // Calls `done` on `context`'s thread (not from within this call).
    virtual void lookup(const QString &host, QObject *context, LookupCallback done) = 0;
};

// The system resolver through QHostInfo (which caches answers for a minute).
class SystemResolver : public HostResolver
{
public:
    void lookup(const QString &host, QObject *context, LookupCallback done) override;
};

} // namespace gw::worker
