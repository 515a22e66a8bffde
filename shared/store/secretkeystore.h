#pragma once
// The API secret hash key as the database knows it: its fingerprint, recorded by the first
// process that migrates with a key and checked by every later one, and the conversion of secrets
// still in migration 060's unkeyed form. Migrator runs it after the migrations, under their lock.
#include "core/result.h"
#include "core/secrethash.h"
#include "store/connection.h"

namespace gw::store {

class SecretKeyStore
{
public:
    explicit SecretKeyStore(Connection &c) : m_c(c) {}

    // Records or checks `hasher`'s fingerprint, then converts every unkeyed secret to the keyed
    // form, in one transaction. Returns how many rows it converted; an error naming
    // API_SECRET_HASH_KEY when the database's secrets were hashed with another key.
    Result<int> adopt(const secrets::Hasher &hasher);

private:
    Connection &m_c;
};

} // namespace gw::store
