// gateway-server: reads the environment, applies migrations, starts the API threads.
#include "core/logging.h"
#include "core/serviceprocess.h"
#include "httpguard/reuseport.h"
#include "httpguard/trustedproxies.h"
#include "server/apiserver.h"
#include "server/databasewatch.h"
#include "server/http/metrics.h"
#include "server/writer/paymentwriter.h"
#include "store/connection.h"
#include "store/migrator.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>
#include <algorithm>

using namespace gw;

int main(int argc, char **argv)
{
    // Every thread's event loop runs on Qt's own dispatcher, not GLib's: a create wakes its
    // socket's thread twice (its request, then its answer from a writer), and GLib's costs more
    // per wake-up (the comparison is in bench/README.md). QT_NO_GLIB set but empty keeps GLib's.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    ServiceProcess process(QStringLiteral("gateway-server"));
    QObject::connect(&process, &ServiceProcess::stopRequested, &app, &QCoreApplication::quit);
    const auto config = process.config();
    if (!config)
        return 2;

    const auto secretHashKey = config->secretHashKey();
    if (!secretHashKey)
        return process.fail(QStringLiteral("configuration error: ") +
                            secretHashKey.error().description);
    if (config->apiSecretHashKeyFromTestMode)
        qCWarning(lcHttp) << "TEST_MODE without API_SECRET_HASH_KEY: API secrets are hashed with "
                             "the public TEST_MODE key, which protects nothing";
    {
        store::Connection db(config->migrationDatabase(), QStringLiteral("migrate"));
        const auto applied = store::Migrator(db, secrets::Hasher(secretHashKey.value())).migrate();
        if (!applied)
            return process.fail(QStringLiteral("cannot apply migrations: ") +
                                applied.error().description);
    }

    if (const auto trusted = http::TrustedProxies::parse(config->trustedProxies); !trusted)
        return process.fail(QStringLiteral("configuration error: ") + trusted.error().description);
    const QHostAddress address(config->bindAddress);
    if (address.isNull())
        return process.fail(QStringLiteral("BIND_ADDRESS is not an IP address: ") +
                            config->bindAddress);
    // A few threads per core: a create waiting for its batch leaves its thread serving (any
    // number are in flight on one thread), and each thread runs the other merchant requests'
    // transactions one at a time on its own PostgreSQL connection, so PostgreSQL never runs more
    // transactions at once than these cores serve well.
    const int threads = config->serverThreads > 0
                            ? config->serverThreads
                            : std::clamp(QThread::idealThreadCount() * 4, 4, 64);
    quint16 port = quint16(config->port);
    http::Metrics metrics; // shared by every thread, outlives them
    // Creates are batched across threads into one statement and one commit; outlives the servers.
    http::PaymentWriter payments(config.value(), config->paymentWriters);
    // /health reads the database's state from it instead of asking on the request's thread.
    const http::DatabaseWatch databaseWatch(config->database);
    const auto limits = http::GuardLimits::fromConfig(config.value());
    auto budget = std::make_shared<http::ConnectionBudget>(limits.maxConnections,
                                                           limits.maxConnectionsPerAddress);
    std::vector<std::unique_ptr<http::ApiServer>> servers;
    for (int i = 0; i < threads; ++i) {
        const auto fd = http::listenReusePort(address, port);
        if (!fd)
            return process.fail(fd.error().description);
        port = http::boundPort(fd.value());
        auto server = std::make_unique<http::ApiServer>(config.value(), fd.value(), limits, budget,
                                                        &metrics, &payments, &databaseWatch);
        QObject::connect(server.get(), &http::ApiServer::failed, &app, [](const QString &why) {
            qCCritical(lcHttp).noquote() << why;
            QCoreApplication::exit(2);
        });
        server->start();
        servers.push_back(std::move(server));
    }
    // No thread starts accepting before every thread is up (ApiServer::beginAccepting).
    for (auto &s : servers)
        s->waitUntilReady();
    for (auto &s : servers)
        s->beginAccepting();
    qCInfo(lcHttp).noquote() << QStringLiteral("listening on %1:%2 with %3 threads")
                                    .arg(address.toString())
                                    .arg(port)
                                    .arg(threads);
    process.announce(QStringLiteral("listening on port %1").arg(port));

    const int rc = app.exec();
    // Drain: every thread stops accepting and answers what it has under way, within the
    // time-out; the group commit (`payments`, destroyed after) writes what is still queued.
    QElapsedTimer draining;
    draining.start();
    const QDeadlineTimer deadline(config->serverDrainTimeoutMs);
    for (auto &s : servers)
        s->drain();
    int cut = 0;
    for (auto &s : servers) {
        if (!s->wait(deadline)) {
            ++cut;
            s->quit();
            s->wait();
        }
    }
    if (cut > 0)
        qCWarning(lcHttp).noquote()
            << QStringLiteral("drain time-out (%1 ms): %2 threads' open connections were closed")
                   .arg(config->serverDrainTimeoutMs)
                   .arg(cut);
    else
        qCInfo(lcHttp).noquote() << QStringLiteral("drained in %1 ms").arg(draining.elapsed());
    return rc;
}
