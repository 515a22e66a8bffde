#pragma once
// A synchronous Redis connection (hiredis), owned by one thread. It reconnects on the next call
// after the link broke, so a Redis restart heals without a process restart.
#include "core/result.h"
#include "core/urls.h"

#include <QByteArray>
#include <QList>
#include <QVariant>

struct redisContext;
struct redisReply;

namespace gw::queue {

// A Redis reply flattened into Qt types: nil → invalid QVariant, integer → qlonglong,
// string/status → QByteArray, array → QVariantList.
using Reply = QVariant;

class RedisClient
{
public:
    explicit RedisClient(RedisParams params, int timeoutMs = 2000);
    ~RedisClient();
    RedisClient(const RedisClient &) = delete;
    RedisClient &operator=(const RedisClient &) = delete;

    // Runs one command given as its words, e.g. {"SET", key, value}.
    Result<Reply> command(const QList<QByteArray> &args);
    // Sends several commands in one round trip; fails as a whole if the link fails.
    Result<QList<Reply>> pipeline(const QList<QList<QByteArray>> &commands);
    bool ping();

private:
    Result<QList<Reply>> pipelineOnce(const QList<QList<QByteArray>> &commands);
    Status ensureConnected();
    void drop();

    RedisParams m_params;
    int m_timeoutMs;
    redisContext *m_ctx = nullptr;
};

// Converts a hiredis reply; an error reply becomes an ApiError.
Result<Reply> fromHiredis(const redisReply *reply);

} // namespace gw::queue
