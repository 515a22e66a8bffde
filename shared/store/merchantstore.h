#pragma once
// The merchants table.
#include "core/merchant.h"
#include "core/result.h"
#include "store/connection.h"

#include <optional>

namespace gw::store {

class MerchantStore
{
public:
    explicit MerchantStore(Connection &c) : m_c(c) {}
    // nullopt when no active merchant has this key.
    Result<std::optional<Merchant>> findByApiKey(const QString &apiKey);
    Result<std::optional<Merchant>> findById(const QString &id);

private:
    Result<std::optional<Merchant>> findOne(const QString &where, const QString &value);
    Connection &m_c;
};

} // namespace gw::store
