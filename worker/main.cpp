// gateway-worker: reads the environment, then runs the job consumers until SIGTERM.
#include "core/config.h"
#include "core/ids.h"
#include "core/logging.h"
#include "worker/workerapp.h"
#include "worker/workersettings.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>

using namespace gw;

namespace {
std::atomic<bool> s_stopRequested{false};

void requestStop(int)
{
    s_stopRequested.store(true); // async-signal-safe; the event loop polls it
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gateway-worker"));
    std::signal(SIGTERM, requestStop);
    std::signal(SIGINT, requestStop);
    std::signal(SIGPIPE, SIG_IGN);

    const auto env = QProcessEnvironment::systemEnvironment();
    const auto config = Config::fromEnvironment(env);
    const auto settings = worker::WorkerSettings::fromEnvironment(env);
    if (!config || !settings) {
        std::fprintf(
            stderr, "gateway-worker: configuration error: %s\n",
            qPrintable(!config ? config.error().description : settings.error().description));
        return 2;
    }
    const QString workerId = QHostInfo::localHostName() + QLatin1Char('-') +
                             QString::number(QCoreApplication::applicationPid()) +
                             QLatin1Char('-') + ids::make(u"").left(6);
    worker::WorkerApp worker(config.value(), settings.value(), workerId);
    QObject::connect(&worker, &worker::WorkerApp::finished, &app, &QCoreApplication::quit);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &worker, [&worker] {
        if (s_stopRequested.load())
            worker.shutdown();
    });
    stopPoll.start(100);
    worker.start();
    qCInfo(lcWorker).noquote() << "worker" << workerId << "started";
    std::fprintf(stdout, "gateway-worker %s started\n", qPrintable(workerId));
    std::fflush(stdout);
    return app.exec();
}
