#pragma once
// Applies db/migrations/NNN_name.sql (compiled in as resources) in order, each in its own
// transaction, under an advisory lock so that processes starting together do not race; then, under
// the same lock, adopts the API secret hash key (store/secretkeystore.h).
#include "core/result.h"
#include "core/secrethash.h"
#include "store/connection.h"

#include <QStringList>

namespace gw::store {

class Migrator
{
public:
    Migrator(Connection &connection, secrets::Hasher hasher)
        : m_c(connection), m_hasher(std::move(hasher))
    {
    }
    // Returns the names of the migrations it applied now (empty when all were applied before).
    Result<QStringList> migrate();
    // Every migration shipped in the binary, in order.
    static QStringList available();
    // Keeps notices below warnings (the migrations' "already exists, skipping") off `c`'s
    // session: noise on an operator's terminal.
    static OkOrError quietNotices(Connection &c);

private:
    Connection &m_c;
    secrets::Hasher m_hasher;
};

} // namespace gw::store
