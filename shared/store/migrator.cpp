#include "store/migrator.h"

#include "core/logging.h"
#include "store/paymentstore.h"
#include "store/processingstore.h"
#include "store/secretkeystore.h"
#include "store/sql.h"

#include <QDir>
#include <QFile>
#include <QSqlError>

namespace gw::store {

namespace {
constexpr qint64 kMigrationLockId =
    0x6777'6d69'6772; // "gwmigr": any fixed number shared by all processes
const QString kDir = QStringLiteral(":/migrations");

// What a migration's data fix leaves for C++ to finish in its transaction: the payment.failed
// events of the payments it failed (their ids in pg_temp.payments_failed_by_migration), written
// as the worker writes them; and the successes that paid an order twice, told to the operator.
OkOrError finishPaymentFixes(Connection &c, const QString &name)
{
    auto there = exec(c, QStringLiteral("SELECT to_regclass('pg_temp.payments_failed_by_migration')"
                                        " IS NOT NULL"));
    if (!there)
        return there.error();
    if (!there->next() || !there->value(0).toBool())
        return Ok{}; // this migration fixed no payments
    auto q = exec(c, QStringLiteral("SELECT id FROM pg_temp.payments_failed_by_migration"));
    if (!q)
        return q.error();
    QStringList failed;
    while (q->next())
        failed << q->value(0).toString();
    if (!failed.isEmpty())
        qCWarning(lcStore).noquote() << name << "failed" << failed.size()
                                     << "pending payments of orders that had another live"
                                        " payment (ORDER_ALREADY_PAID):"
                                     << failed.join(u' ');
    if (auto s = ProcessingStore(c).writeFailedEvents(failed); !s)
        return s.error();
    auto twice = PaymentStore(c).duplicates();
    if (!twice)
        return twice.error();
    for (const DuplicatePayment &d : twice.value())
        qCWarning(lcStore).noquote()
            << name << "order" << d.orderId << "was paid twice: payment" << d.paymentId
            << "duplicates" << d.duplicateOf << "- refund it (gateway-admin payments duplicates)";
    return Ok{};
}
} // namespace

QStringList Migrator::available()
{
    QStringList files = QDir(kDir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    return files;
}

Result<QStringList> Migrator::migrate()
{
    if (auto r = exec(m_c, QStringLiteral("SELECT pg_advisory_lock(?)"), {kMigrationLockId}); !r)
        return r.error();
    auto unlock = qScopeGuard(
        [this] { exec(m_c, QStringLiteral("SELECT pg_advisory_unlock(?)"), {kMigrationLockId}); });
    if (auto r = exec(
            m_c, QStringLiteral(
                     "CREATE TABLE IF NOT EXISTS schema_migrations ("
                     " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"));
        !r)
        return r.error();

    QSet<QString> applied;
    auto done = exec(m_c, QStringLiteral("SELECT version FROM schema_migrations"));
    if (!done)
        return done.error();
    while (done->next())
        applied.insert(done->value(0).toString());

    QStringList appliedNow;
    for (const QString &name : available()) {
        if (applied.contains(name))
            continue;
        QFile f(kDir + QLatin1Char('/') + name);
        if (!f.open(QIODevice::ReadOnly))
            return ApiError::server(QStringLiteral("cannot read migration ") + name);
        const QString sql = QString::fromUtf8(f.readAll());
        auto r = inTransaction<Ok>(m_c, [&]() -> OkOrError {
            if (auto q = exec(m_c, sql); !q)
                return q.error();
            if (auto s = finishPaymentFixes(m_c, name); !s)
                return s.error();
            if (auto q =
                    exec(m_c, QStringLiteral("INSERT INTO schema_migrations (version) VALUES (?)"),
                         {name});
                !q)
                return q.error();
            return Ok{};
        });
        if (!r)
            return ApiError::server(
                QStringLiteral("migration %1 failed: %2").arg(name, r.error().description));
        qCInfo(lcStore) << "applied migration" << name;
        appliedNow << name;
    }
    const auto converted = SecretKeyStore(m_c).adopt(m_hasher);
    if (!converted)
        return ApiError::server(QStringLiteral("API secrets: ") + converted.error().description);
    if (converted.value() > 0)
        qCInfo(lcStore) << "converted" << converted.value()
                        << "merchants' API secrets to the keyed hash";
    return appliedNow;
}

OkOrError Migrator::quietNotices(Connection &c)
{
    if (auto q = exec(c, QStringLiteral("SET client_min_messages TO warning")); !q)
        return q.error();
    return Ok{};
}

} // namespace gw::store
