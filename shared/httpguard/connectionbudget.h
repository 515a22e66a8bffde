#pragma once
// How many connections a server holds, in all and per client address, shared by the server's
// threads (thread-safe). A connection is admitted before the HTTP server sees it and released
// when it closes.
#include <QHash>
#include <QHostAddress>
#include <QMutex>

namespace gw::http {

class ConnectionBudget
{
public:
    // maxPerAddress 0: no cap per address.
    ConnectionBudget(int maxConnections, int maxPerAddress);

    enum class Verdict { Admitted, ServerFull, AddressFull };
    Verdict admit(const QHostAddress &peer);
    void release(const QHostAddress &peer);
    int maxConnections() const { return m_max; }
    int maxPerAddress() const { return m_maxPerAddress; }

private:
    const int m_max;
    const int m_maxPerAddress;
    QMutex m_mutex;
    int m_total = 0;
    QHash<QHostAddress, int> m_perAddress;
};

} // namespace gw::http
