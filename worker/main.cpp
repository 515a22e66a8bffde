// gateway-worker: reads the environment, then runs the job consumers until SIGTERM.
#include "core/config.h"
#include "core/ids.h"
#include "core/logging.h"
#include "worker/heartbeat.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <csignal>
#include <cstdio>

using namespace gw;

namespace {
void quitOnSignal(int)
{
    QCoreApplication::quit();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gateway-worker"));
    std::signal(SIGTERM, quitOnSignal);
    std::signal(SIGINT, quitOnSignal);
    std::signal(SIGPIPE, SIG_IGN);

    const auto config = Config::fromEnvironment(QProcessEnvironment::systemEnvironment());
    if (!config) {
        std::fprintf(stderr, "gateway-worker: configuration error: %s\n",
                     qPrintable(config.error().description));
        return 2;
    }
    const QString workerId = QHostInfo::localHostName() + QLatin1Char('-')
                             + QString::number(QCoreApplication::applicationPid()) + QLatin1Char('-')
                             + ids::make(u"").left(6);
    worker::Heartbeat heartbeat(config.value(), workerId);
    heartbeat.start();
    qCInfo(lcWorker).noquote() << "worker" << workerId << "started";
    std::fprintf(stdout, "gateway-worker %s started\n", qPrintable(workerId));
    std::fflush(stdout);
    const int rc = app.exec();
    heartbeat.stop();
    return rc;
}
