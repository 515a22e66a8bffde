#include "queue/masterlocator.h"

#include "core/logging.h"

#include <QStringList>

namespace gw::queue {

namespace {
const QByteArray kSwitchChannel = "+switch-master";
} // namespace

MasterLocator::MasterLocator(const RedisParams &params, LinkOpener open, int timeoutMs)
    : m_sentinels(params.sentinels),
      m_name(params.masterName.toUtf8()), m_fixed{params.host, params.port},
      m_open(std::move(open)), m_timeoutMs(timeoutMs)
{
}

Result<HostPort> MasterLocator::locate()
{
    if (!usesSentinels())
        return m_fixed;
    m_subscription.reset();
    QStringList why;
    for (qsizetype i = 0; i < m_sentinels.size(); ++i) {
        const HostPort sentinel = m_sentinels.at(i);
        auto link = m_open(sentinel, m_timeoutMs);
        if (!link) {
            why << sentinel.text() + QStringLiteral(" ") + link.error().description;
            continue;
        }
        auto r = link.value()->exchange(
            {{"SENTINEL", "get-master-addr-by-name", m_name}, {"SUBSCRIBE", kSwitchChannel}});
        if (!r) {
            why << sentinel.text() + QStringLiteral(" ") + r.error().description;
            continue;
        }
        const QVariantList addr = r->at(0) ? r->at(0)->toList() : QVariantList{};
        bool ok = false;
        const int port = addr.value(1).toByteArray().toInt(&ok);
        if (addr.size() != 2 || !ok) {
            why << sentinel.text() + QStringLiteral(" knows no master named ") +
                       QString::fromUtf8(m_name);
            continue;
        }
        m_sentinels.move(i, 0);
        m_subscription = std::move(link).value();
        m_master = {QString::fromUtf8(addr.at(0).toByteArray()), port};
        return m_master;
    }
    m_askAgain.setRemainingTime(kAskAgainMs);
    return ApiError::unavailable(QStringLiteral("no Redis master known: ") +
                                 why.join(QStringLiteral("; ")));
}

bool MasterLocator::moved()
{
    if (!usesSentinels())
        return false;
    if (m_subscription) {
        auto messages = m_subscription->pushed();
        if (messages) {
            // ["message", "+switch-master", "<name> <old ip> <old port> <new ip> <new port>"]
            for (const Reply &m : messages.value()) {
                const QVariantList parts = m.toList();
                if (parts.value(1).toByteArray() == kSwitchChannel &&
                    parts.value(2).toByteArray().split(' ').value(0) == m_name) {
                    qCInfo(lcQueue).noquote()
                        << "Sentinel says the Redis master moved:" << parts.value(2).toByteArray();
                    return true;
                }
            }
            return false;
        }
        m_subscription.reset();
        m_askAgain.setRemainingTime(kAskAgainMs);
        return false;
    }
    if (!m_askAgain.hasExpired())
        return false;
    const HostPort before = m_master;
    auto now = locate();
    return now && !(now.value() == before);
}

} // namespace gw::queue
