#include "queue/redisclient.h"

#include "core/logging.h"

#include <hiredis/hiredis.h>

#include <vector>

namespace gw::queue {

namespace {
ApiError unavailable()
{
    return ApiError::unavailable(
        QStringLiteral("The queue (Redis) is unreachable; try again shortly"));
}
} // namespace

Result<Reply> fromHiredis(const redisReply *r)
{
    switch (r->type) {
    case REDIS_REPLY_NIL:
        return Reply{};
    case REDIS_REPLY_INTEGER:
        return Reply(qlonglong(r->integer));
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
        return Reply(QByteArray(r->str, int(r->len)));
    case REDIS_REPLY_ERROR:
        return ApiError::server(QStringLiteral("Redis: ") + QString::fromUtf8(r->str, int(r->len)));
    case REDIS_REPLY_ARRAY: {
        QVariantList items;
        items.reserve(int(r->elements));
        for (size_t i = 0; i < r->elements; ++i) {
            auto item = fromHiredis(r->element[i]);
            if (!item)
                return item.error();
            items.append(item.value());
        }
        return Reply(items);
    }
    default:
        return Reply{};
    }
}

RedisClient::RedisClient(RedisParams params, int timeoutMs)
    : m_params(std::move(params)), m_timeoutMs(timeoutMs)
{
}

RedisClient::~RedisClient()
{
    drop();
}

void RedisClient::drop()
{
    if (m_ctx)
        redisFree(m_ctx);
    m_ctx = nullptr;
}

Status RedisClient::ensureConnected()
{
    if (m_ctx)
        return Done{};
    const timeval tv{m_timeoutMs / 1000, (m_timeoutMs % 1000) * 1000};
    const QByteArray host = m_params.host.toUtf8();
    m_ctx = redisConnectWithTimeout(host.constData(), m_params.port, tv);
    if (!m_ctx || m_ctx->err) {
        qCDebug(lcQueue) << "cannot connect to Redis:" << (m_ctx ? m_ctx->errstr : "no memory");
        drop();
        return unavailable();
    }
    redisSetTimeout(m_ctx, tv);
    if (m_params.db != 0) {
        auto r = command({"SELECT", QByteArray::number(m_params.db)});
        if (!r)
            return r.error();
    }
    return Done{};
}

Result<Reply> RedisClient::command(const QList<QByteArray> &args)
{
    auto all = pipeline({args});
    if (!all)
        return all.error();
    return all->first();
}

Result<QList<Reply>> RedisClient::pipeline(const QList<QList<QByteArray>> &commands)
{
    // A link that was up may have died since (Redis restarted): reconnect and try once more, so
    // the first call after a restart succeeds. Commands here are safe to repeat (queue delivery is
    // at least once and every consumer is idempotent).
    const bool wasConnected = m_ctx != nullptr;
    auto r = pipelineOnce(commands);
    if (!r && wasConnected && !m_ctx)
        r = pipelineOnce(commands);
    return r;
}

Result<QList<Reply>> RedisClient::pipelineOnce(const QList<QList<QByteArray>> &commands)
{
    if (auto s = ensureConnected(); !s)
        return s.error();
    for (const auto &args : commands) {
        std::vector<const char *> argv;
        std::vector<size_t> lens;
        for (const QByteArray &a : args) {
            argv.push_back(a.constData());
            lens.push_back(size_t(a.size()));
        }
        if (redisAppendCommandArgv(m_ctx, int(argv.size()), argv.data(), lens.data()) != REDIS_OK) {
            drop();
            return unavailable();
        }
    }
    QList<Reply> replies;
    std::optional<ApiError> firstError;
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *raw = nullptr;
        if (redisGetReply(m_ctx, &raw) != REDIS_OK || !raw) {
            drop();
            return unavailable();
        }
        auto *reply = static_cast<redisReply *>(raw);
        auto converted = fromHiredis(reply);
        freeReplyObject(reply);
        if (!converted && !firstError)
            firstError = converted.error();
        replies.append(converted ? converted.value() : Reply{});
    }
    if (firstError)
        return *firstError;
    return replies;
}

bool RedisClient::ping()
{
    auto r = command({"PING"});
    return r.ok();
}

} // namespace gw::queue
