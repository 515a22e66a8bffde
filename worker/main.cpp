// gateway-worker: reads the environment, then runs the job consumers until SIGTERM.
#include "core/ids.h"
#include "core/logging.h"
#include "core/serviceprocess.h"
#include "worker/workerapp.h"
#include "worker/workersettings.h"

#include <QCoreApplication>
#include <QHostInfo>

using namespace gw;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ServiceProcess process(QStringLiteral("gateway-worker"));
    const auto config = process.config();
    if (!config)
        return 2;
    const auto settings = worker::WorkerSettings::fromEnvironment(process.environment());
    if (!settings)
        return process.fail(QStringLiteral("configuration error: ") + settings.error().description);
    const QString workerId = QHostInfo::localHostName() + QLatin1Char('-') +
                             QString::number(QCoreApplication::applicationPid()) +
                             QLatin1Char('-') + ids::make(u"").left(6);
    worker::WorkerApp worker(config.value(), settings.value(), workerId);
    QObject::connect(&worker, &worker::WorkerApp::finished, &app, &QCoreApplication::quit);
    QObject::connect(&process, &ServiceProcess::stopRequested, &worker,
                     &worker::WorkerApp::shutdown);
    worker.start();
    qCInfo(lcWorker).noquote() << "worker" << workerId << "started";
    process.announce(workerId + QStringLiteral(" started"));
    return app.exec();
}
