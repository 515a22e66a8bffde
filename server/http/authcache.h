#pragma once
// One server thread's short-lived memory of merchants by API key, so that a burst of requests
// does not read the merchants row every time. Entries live kTtlMs: a rotated secret or a
// deactivated merchant takes effect within that time.
#include "core/merchant.h"

#include <QDeadlineTimer>
#include <QHash>
#include <optional>

namespace gw::http {

class AuthCache
{
public:
    static constexpr int kTtlMs = 2000;
    static constexpr int kMaxEntries = 1000;

    std::optional<Merchant> find(const QString &apiKey) const;
    void insert(const Merchant &merchant);

private:
    struct Entry
    {
        Merchant merchant;
        QDeadlineTimer expires;
    };
    QHash<QString, Entry> m_entries;
};

} // namespace gw::http
