#include "store/migrator.h"

#include "core/logging.h"
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
        auto r = inTransaction<Done>(m_c, [&]() -> Status {
            if (auto q = exec(m_c, sql); !q)
                return q.error();
            if (auto q =
                    exec(m_c, QStringLiteral("INSERT INTO schema_migrations (version) VALUES (?)"),
                         {name});
                !q)
                return q.error();
            return Done{};
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

Status Migrator::quietNotices(Connection &c)
{
    if (auto q = exec(c, QStringLiteral("SET client_min_messages TO warning")); !q)
        return q.error();
    return Done{};
}

} // namespace gw::store
