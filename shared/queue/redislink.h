#pragma once
// One connection to one Redis server or Sentinel, behind an interface so that the decisions
// about when to leave a server (RedisClient, MasterLocator) can be tested with fakes. The real
// one is a synchronous hiredis context whose every read and write has the time-out it was opened
// with.
#include "core/result.h"
#include "core/urls.h"

#include <QByteArray>
#include <QList>
#include <QVariant>
#include <functional>
#include <memory>

struct redisReply;

namespace gw::queue {

// A Redis reply flattened into Qt types: nil → invalid QVariant, integer → qlonglong,
// string/status → QByteArray, array → QVariantList.
using Reply = QVariant;
// One reply per command: the value, or the error Redis answered (ApiError::server "Redis: …").
using Replies = QList<Result<Reply>>;

class RedisLink
{
public:
    virtual ~RedisLink() = default;
    // Sends the commands in one round trip and reads a reply to each. An error means the link is
    // of no more use (closed, reset, timed out) and its description says what happened.
    virtual Result<Replies> exchange(const QList<QList<QByteArray>> &commands) = 0;
    // What the server pushed since (pub/sub messages), without waiting.
    virtual Result<QList<Reply>> pushed() = 0;
};

// Opens a link to host:port with a time-out for the connect and for every read and write after.
using LinkOpener =
    std::function<Result<std::unique_ptr<RedisLink>>(const HostPort &where, int timeoutMs)>;
LinkOpener hiredisOpener();

// Converts a hiredis reply; an error reply becomes an ApiError.
Result<Reply> fromHiredis(const redisReply *reply);

// An error reply that means the server is no longer the master (it was made a replica, a blocked
// read was cut short by that) or is not one: ask again where the master is.
bool meansNotMaster(const ApiError &error);

} // namespace gw::queue
