#include "queue/redislink.h"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <vector>

namespace gw::queue {

namespace {

ApiError linkError(const redisContext *ctx, const char *doing)
{
    return ApiError::unavailable(QStringLiteral("%1: %2").arg(
        QLatin1String(doing), ctx ? QString::fromUtf8(ctx->errstr) : QStringLiteral("no memory")));
}

class HiredisLink final : public RedisLink
{
public:
    explicit HiredisLink(redisContext *ctx) : m_ctx(ctx) {}
    ~HiredisLink() override { redisFree(m_ctx); }
    HiredisLink(const HiredisLink &) = delete;
    HiredisLink &operator=(const HiredisLink &) = delete;

    Result<Replies> exchange(const QList<QList<QByteArray>> &commands) override
    {
        for (const auto &args : commands) {
            std::vector<const char *> argv;
            std::vector<size_t> lens;
            for (const QByteArray &a : args) {
                argv.push_back(a.constData());
                lens.push_back(size_t(a.size()));
            }
            if (redisAppendCommandArgv(m_ctx, int(argv.size()), argv.data(), lens.data()) !=
                REDIS_OK)
                return linkError(m_ctx, "write");
        }
        Replies replies;
        replies.reserve(commands.size());
        for (qsizetype i = 0; i < commands.size(); ++i) {
            void *raw = nullptr;
            if (redisGetReply(m_ctx, &raw) != REDIS_OK || !raw)
                return linkError(m_ctx, "read");
            auto *reply = static_cast<redisReply *>(raw);
            replies.append(fromHiredis(reply));
            freeReplyObject(reply);
        }
        return replies;
    }

    Result<QList<Reply>> pushed() override
    {
        pollfd p{m_ctx->fd, POLLIN, 0};
        if (::poll(&p, 1, 0) > 0 && redisBufferRead(m_ctx) != REDIS_OK)
            return linkError(m_ctx, "read");
        QList<Reply> out;
        void *raw = nullptr;
        while (redisGetReplyFromReader(m_ctx, &raw) == REDIS_OK && raw) {
            auto *reply = static_cast<redisReply *>(raw);
            if (auto r = fromHiredis(reply))
                out.append(r.value());
            freeReplyObject(reply);
            raw = nullptr;
        }
        return out;
    }

private:
    redisContext *m_ctx;
};

} // namespace

LinkOpener hiredisOpener()
{
    return [](const HostPort &where, int timeoutMs) -> Result<std::unique_ptr<RedisLink>> {
        const timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
        const QByteArray host = where.host.toUtf8();
        redisContext *ctx = redisConnectWithTimeout(host.constData(), where.port, tv);
        if (!ctx || ctx->err) {
            const ApiError e = linkError(ctx, "connect");
            if (ctx)
                redisFree(ctx);
            return e;
        }
        redisSetTimeout(ctx, tv); // every read and write after, so a hung server is noticed
        redisEnableKeepAlive(ctx);
        return std::unique_ptr<RedisLink>(std::make_unique<HiredisLink>(ctx));
    };
}

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

bool meansNotMaster(const ApiError &error)
{
    // READONLY: a write reached a replica; UNBLOCKED: a blocking read was cut short because the
    // server became a replica; MASTERDOWN: a replica that lost its master.
    for (const char *code : {"READONLY", "UNBLOCKED", "MASTERDOWN"})
        if (error.description.startsWith(QStringLiteral("Redis: ") + QLatin1String(code)))
            return true;
    return false;
}

} // namespace gw::queue
