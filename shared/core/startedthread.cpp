#include "core/startedthread.h"

#include <QSemaphore>
#include <QThread>

namespace gw {

std::unique_ptr<QThread> startThread(const QString &name, std::function<void()> run)
{
    // Shared, so that the thread may still be inside release() when this returns.
    auto running = std::make_shared<QSemaphore>();
    std::unique_ptr<QThread> thread(QThread::create([running, run = std::move(run)] {
        running->release(); // the event dispatcher exists by now
        run();
    }));
    thread->setObjectName(name);
    thread->start();
    running->acquire();
    return thread;
}

} // namespace gw
