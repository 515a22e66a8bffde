#include "server/http/authcache.h"

namespace gw::http {

std::optional<Merchant> AuthCache::find(const QString &apiKey) const
{
    const auto it = m_entries.constFind(apiKey);
    if (it == m_entries.constEnd() || it->expires.hasExpired())
        return std::nullopt;
    return it->merchant;
}

void AuthCache::insert(const Merchant &merchant)
{
    if (m_entries.size() >= kMaxEntries)
        m_entries.clear(); // a crude bound; the cache refills within one TTL
    m_entries.insert(merchant.apiKey, Entry{merchant, QDeadlineTimer(kTtlMs)});
}

} // namespace gw::http
