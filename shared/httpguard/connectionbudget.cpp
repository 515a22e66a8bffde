#include "httpguard/connectionbudget.h"
#include "httpguard/plainaddress.h"

#include <QMutexLocker>

namespace gw::http {

ConnectionBudget::ConnectionBudget(int maxConnections, int maxPerAddress)
    : m_max(maxConnections), m_maxPerAddress(maxPerAddress)
{
}

ConnectionBudget::Verdict ConnectionBudget::admit(const QHostAddress &peer)
{
    const QHostAddress key = plainAddress(peer);
    QMutexLocker lock(&m_mutex);
    if (m_maxPerAddress > 0 && m_perAddress.value(key) >= m_maxPerAddress)
        return Verdict::AddressFull;
    if (m_total >= m_max)
        return Verdict::ServerFull;
    ++m_total;
    ++m_perAddress[key];
    return Verdict::Admitted;
}

void ConnectionBudget::release(const QHostAddress &peer)
{
    const QHostAddress key = plainAddress(peer);
    QMutexLocker lock(&m_mutex);
    --m_total;
    auto it = m_perAddress.find(key);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

} // namespace gw::http
