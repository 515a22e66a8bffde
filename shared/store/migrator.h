#pragma once
// Applies db/migrations/NNN_name.sql (compiled in as resources) in order, each in its own
// transaction, under an advisory lock so that processes starting together do not race.
#include "core/result.h"
#include "store/connection.h"

#include <QStringList>

namespace gw::store {

class Migrator
{
public:
    explicit Migrator(Connection &connection) : m_c(connection) {}
    // Returns the names of the migrations it applied now (empty when all were applied before).
    Result<QStringList> migrate();
    // Every migration shipped in the binary, in order.
    static QStringList available();

private:
    Connection &m_c;
};

} // namespace gw::store
