#include "server/http/threadinbox.h"

#include <QMetaObject>

namespace gw::http {

bool ThreadInbox::post(std::function<void()> work)
{
    // Posting under the lock: close() cannot return, and the receiver cannot be deleted, while a
    // post is under way; Qt drops what is still queued for a receiver when it is deleted.
    QMutexLocker lock(&m_mutex);
    if (!m_receiver)
        return false;
    return QMetaObject::invokeMethod(m_receiver, std::move(work), Qt::QueuedConnection);
}

void ThreadInbox::close()
{
    QMutexLocker lock(&m_mutex);
    m_receiver = nullptr;
}

} // namespace gw::http
