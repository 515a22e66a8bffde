#pragma once
// Starts a function on a new QThread and returns once it runs. Qt creates a thread's event
// dispatcher (an eventfd) as the thread starts and aborts the process (qFatal) if it cannot; a
// thread still starting while the server's connections used up the descriptors took the server
// down (tst_guardlimits, under load). So a service starts every thread it needs this way before
// it accepts a connection.
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace gw {

std::unique_ptr<QThread> startThread(const QString &name, std::function<void()> run);

} // namespace gw
