// gateway-server: reads the environment, applies migrations, starts the API threads.
#include "core/config.h"
#include "core/logging.h"
#include "server/apiserver.h"
#include "server/metrics.h"
#include "server/reuseport.h"
#include "store/connection.h"
#include "store/migrator.h"

#include <QCoreApplication>
#include <QThread>
#include <csignal>
#include <cstdio>

using namespace gw;

namespace {
int fail(const QString &message)
{
    std::fprintf(stderr, "gateway-server: %s\n", qPrintable(message));
    return 2;
}

void quitOnSignal(int)
{
    QCoreApplication::quit();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gateway-server"));
    std::signal(SIGTERM, quitOnSignal);
    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGPIPE, SIG_IGN);

    const auto config = Config::fromEnvironment(QProcessEnvironment::systemEnvironment());
    if (!config)
        return fail(QStringLiteral("configuration error: ") + config.error().description);

    {
        store::Connection db(config->database, QStringLiteral("migrate"));
        const auto applied = store::Migrator(db).migrate();
        if (!applied)
            return fail(QStringLiteral("cannot apply migrations: ") + applied.error().description);
    }

    const QHostAddress address(config->bindAddress);
    if (address.isNull())
        return fail(QStringLiteral("BIND_ADDRESS is not an IP address: ") + config->bindAddress);
    // More threads than cores: each holds one synchronous transaction in flight, and PostgreSQL
    // commits many in flight together (group commit), which is what scales on one disk.
    const int threads = config->serverThreads > 0 ? config->serverThreads
                                                  : qMax(4, QThread::idealThreadCount() * 4);
    quint16 port = quint16(config->port);
    http::Metrics metrics; // shared by every thread, outlives them
    std::vector<std::unique_ptr<http::ApiServer>> servers;
    for (int i = 0; i < threads; ++i) {
        const auto fd = http::listenReusePort(address, port);
        if (!fd)
            return fail(fd.error().description);
        port = http::boundPort(fd.value());
        http::GuardLimits limits;
        limits.idleTimeoutMs = config->httpIdleTimeoutMs;
        limits.stallTimeoutMs = config->httpStallTimeoutMs;
        auto server =
            std::make_unique<http::ApiServer>(config.value(), fd.value(), limits, &metrics);
        QObject::connect(server.get(), &http::ApiServer::failed, &app, [](const QString &why) {
            qCCritical(lcHttp).noquote() << why;
            QCoreApplication::exit(2);
        });
        server->start();
        servers.push_back(std::move(server));
    }
    qCInfo(lcHttp).noquote() << QStringLiteral("listening on %1:%2 with %3 threads")
                                    .arg(address.toString())
                                    .arg(port)
                                    .arg(threads);
    std::fprintf(stdout, "gateway-server listening on port %u\n", unsigned(port));
    std::fflush(stdout);

    const int rc = app.exec();
    for (auto &s : servers) {
        s->quit();
        s->wait();
    }
    return rc;
}
