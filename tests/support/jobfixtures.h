#pragma once
// Rows and jobs for worker tests, made the way the API makes them: the object, its job row (and
// events) in one transaction through store::Outbox, then a push to the queue. Header-only.
#include "core/enums.h"
#include "core/ids.h"
#include "queue/jobqueue.h"
#include "queue/redisclient.h"
#include "store/connection.h"
#include "store/outbox.h"
#include "store/sql.h"
#include "support/teststack.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace gw::test {

inline const QString kTestMerchantId = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");

class JobFixtures
{
public:
    explicit JobFixtures(TestStack &stack)
        : m_db(stack.database(), QStringLiteral("fixtures")), m_redis(stack.redis())
    {
    }

    store::Connection &db() { return m_db; }

    QString order(qint64 amount = 50000, const QJsonObject &notes = {})
    {
        const QString id = ids::order();
        store::exec(m_db,
                    QStringLiteral("INSERT INTO orders (id, merchant_id, amount, notes) VALUES (?, "
                                   "?::uuid, ?, ?::jsonb)"),
                    {id, kTestMerchantId, amount,
                     QString::fromUtf8(QJsonDocument(notes).toJson(QJsonDocument::Compact))});
        return id;
    }

    // A pending payment and its job; pushed unless push is false. Returns {payment id, job}.
    QPair<QString, JobRef> payment(const QString &method = QStringLiteral("upi"), bool push = true,
                                   qint64 amount = 50000)
    {
        const QString orderId = order(amount);
        const QString id = ids::payment();
        JobRef job;
        store::inTransaction<Ok>(m_db, [&]() -> OkOrError {
            const bool upi = method == QStringLiteral("upi");
            auto q = store::exec(
                m_db,
                QStringLiteral("INSERT INTO payments (id, order_id, merchant_id, amount, currency, "
                               "method, vpa, card_network, card_last4)"
                               " VALUES (?, ?, ?::uuid, ?, 'INR', ?, ?, ?, ?)"),
                {id, orderId, kTestMerchantId, amount, method,
                 upi ? QVariant(QStringLiteral("user@paytm"))
                     : QVariant(QMetaType(QMetaType::QString)),
                 upi ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QStringLiteral("visa")),
                 upi ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QStringLiteral("1111"))});
            if (!q)
                return q.error();
            auto j = store::Outbox(m_db).addJob(JobKind::Payment, id);
            if (!j)
                return j.error();
            job = j.value();
            return Ok{};
        });
        if (push)
            this->push({job});
        return {id, job};
    }

    // A successful payment with a pending refund of `amount` and its job.
    QPair<QString, JobRef> refund(qint64 amount,
                                  const QString &reason = QStringLiteral("customer request"),
                                  bool push = true)
    {
        const QString orderId = order(50000);
        const QString paymentId = ids::payment();
        const QString id = ids::refund();
        JobRef job;
        store::inTransaction<Ok>(m_db, [&]() -> OkOrError {
            if (auto q = store::exec(
                    m_db,
                    QStringLiteral(
                        "INSERT INTO payments (id, order_id, merchant_id, amount, currency, "
                        "method, vpa, status, refunds_reserved)"
                        " VALUES (?, ?, ?::uuid, 50000, 'INR', 'upi', 'user@paytm', 'success', ?)"),
                    {paymentId, orderId, kTestMerchantId, amount});
                !q)
                return q.error();
            if (auto q =
                    store::exec(m_db,
                                QStringLiteral("INSERT INTO refunds (id, payment_id, merchant_id, "
                                               "amount, reason) VALUES (?, ?, ?::uuid, ?, ?)"),
                                {id, paymentId, kTestMerchantId, amount, reason});
                !q)
                return q.error();
            auto j = store::Outbox(m_db).addJob(JobKind::Refund, id);
            if (!j)
                return j.error();
            job = j.value();
            return Ok{};
        });
        if (push)
            this->push({job});
        return {id, job};
    }

    // An event for the test merchant (a delivery log and, with a URL configured, its job).
    QPair<QString, std::optional<JobRef>> event(EventType type, const QJsonObject &data,
                                                bool push = true)
    {
        std::optional<JobRef> job;
        store::inTransaction<Ok>(m_db, [&]() -> OkOrError {
            auto j = store::Outbox(m_db).addEvent(kTestMerchantId, type, data);
            if (!j)
                return j.error();
            job = j.value();
            return Ok{};
        });
        if (job && push)
            this->push({*job});
        return {job ? job->subjectId : QString(), job};
    }

    void setWebhookUrl(const QString &url)
    {
        store::exec(m_db, QStringLiteral("UPDATE merchants SET webhook_url = ? WHERE id = ?::uuid"),
                    {url, kTestMerchantId});
    }

    bool push(const QList<JobRef> &jobs) { return queue::JobQueue(m_redis).push(jobs).ok(); }

    queue::JobCounts counts()
    {
        auto c = queue::JobQueue(m_redis).counts();
        return c ? c.value() : queue::JobCounts{-1, -1, -1, -1};
    }

    QString scalar(const QString &sql, const QVariantList &values = {})
    {
        auto q = store::exec(m_db, sql, values);
        if (!q)
            return QStringLiteral("ERROR: ") + q.error().description;
        return q->next() ? q->value(0).toString() : QString();
    }

    queue::RedisClient &redis() { return m_redis; }

private:
    store::Connection m_db;
    queue::RedisClient m_redis;
};

} // namespace gw::test
