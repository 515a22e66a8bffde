#pragma once
// What one server thread's handlers share: configuration and that thread's own connections.
#include "core/config.h"
#include "queue/redisclient.h"
#include "store/connection.h"

namespace gw::http {

struct ServerContext
{
    const Config &config;
    store::Connection &db;
    queue::RedisClient &redis;
};

} // namespace gw::http
