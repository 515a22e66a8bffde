#include "queue/redisclient.h"

#include "core/logging.h"

namespace gw::queue {

RedisClient::RedisClient(const RedisParams &params, int timeoutMs)
    : RedisClient(params, hiredisOpener(), timeoutMs)
{
}

RedisClient::RedisClient(const RedisParams &params, LinkOpener open, int timeoutMs)
    : m_params(params), m_timeoutMs(timeoutMs), m_open(std::move(open)),
      m_locator(params, m_open, timeoutMs)
{
}

ApiError RedisClient::fail(const QString &why, bool noMaster)
{
    if (why != m_lastFailure)
        qCDebug(lcQueue).noquote() << "Redis:" << why;
    m_lastFailure = why;
    m_noMaster = noMaster;
    m_link.reset();
    return ApiError::unavailable(
        QStringLiteral("The queue (Redis) is unreachable; try again shortly"));
}

OkOrError RedisClient::ensureConnected()
{
    if (m_link)
        return Ok{};
    auto where = m_locator.locate();
    if (!where)
        return fail(where.error().description, true);
    if (!m_server.host.isEmpty() && !(where.value() == m_server))
        ++m_masterChanges;
    m_server = where.value();
    auto link = m_open(m_server, m_timeoutMs);
    if (!link)
        return fail(m_server.text() + QStringLiteral(" ") + link.error().description);
    m_link = std::move(link).value();
    QList<QList<QByteArray>> setup;
    if (m_locator.usesSentinels())
        setup.append({"ROLE"}); // a Sentinel's view may be behind: talk to a master only
    if (m_params.db != 0)
        setup.append({"SELECT", QByteArray::number(m_params.db)});
    if (setup.isEmpty())
        return Ok{};
    auto r = m_link->exchange(setup);
    if (!r)
        return fail(m_server.text() + QStringLiteral(" ") + r.error().description);
    for (const auto &reply : r.value())
        if (!reply)
            return fail(m_server.text() + QStringLiteral(" ") + reply.error().description);
    if (m_locator.usesSentinels()) {
        const QByteArray role = r->first()->toList().value(0).toByteArray();
        if (role != "master")
            return fail(QStringLiteral("%1, named master by Sentinel, says it is a %2")
                            .arg(m_server.text(), QString::fromUtf8(role)));
    }
    return Ok{};
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
    if (m_link && m_locator.moved())
        fail(QStringLiteral("Sentinel announced a new master"));
    // A link that was up may have died since (Redis restarted, failed over): connect again
    // (asking the Sentinels) and try once more, so the first call after a restart succeeds.
    // Commands here are safe to repeat (queue delivery is at least once and every consumer is
    // idempotent).
    const bool wasConnected = m_link != nullptr;
    auto r = pipelineOnce(commands);
    if (!r && wasConnected && !m_link)
        r = pipelineOnce(commands);
    return r;
}

Result<QList<Reply>> RedisClient::pipelineOnce(const QList<QList<QByteArray>> &commands)
{
    if (auto s = ensureConnected(); !s)
        return s.error();
    auto replies = m_link->exchange(commands);
    if (!replies)
        return fail(m_server.text() + QStringLiteral(" ") + replies.error().description);
    m_lastFailure.clear();
    m_noMaster = false;
    QList<Reply> values;
    std::optional<ApiError> firstError;
    for (const auto &reply : replies.value()) {
        if (!reply && meansNotMaster(reply.error()))
            return fail(m_server.text() + QStringLiteral(" ") + reply.error().description);
        if (!reply && !firstError)
            firstError = reply.error();
        values.append(reply ? reply.value() : Reply{});
    }
    if (firstError)
        return *firstError;
    return values;
}

bool RedisClient::ping()
{
    auto r = command({"PING"});
    return r.ok();
}

} // namespace gw::queue
