#include "support/rawsocket.h"

#include <QElapsedTimer>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gw::test {

namespace {
QString errnoText(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what),
                                        QString::fromLocal8Bit(strerror(errno)));
}
} // namespace

RawSocket::RawSocket(quint16 port, int timeoutMs)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        m_error = errnoText("socket");
        return;
    }
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0) {
        m_error = errnoText("connect");
        close();
    }
}

RawSocket::~RawSocket()
{
    close();
}

void RawSocket::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool RawSocket::sendAll(const QByteArray &bytes)
{
    m_error.clear();
    qsizetype sent = 0;
    while (m_fd >= 0 && sent < bytes.size()) {
        const ssize_t n =
            ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_error = errnoText("send");
            return false;
        }
        sent += n;
    }
    return m_fd >= 0;
}

RawSocket::Read RawSocket::readSome(QByteArray &into, const QElapsedTimer &clock, int timeoutMs)
{
    char buf[16384];
    while (m_fd >= 0 && clock.elapsed() < timeoutMs) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, int(qMax<qint64>(1, timeoutMs - clock.elapsed()))) <= 0)
            continue;
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            m_error = errnoText("recv");
            return Read::Failed;
        }
        if (n == 0)
            return Read::Closed;
        into.append(buf, n);
        return Read::Data;
    }
    return Read::TimedOut;
}

QByteArray RawSocket::readToEnd(int timeoutMs)
{
    m_error.clear();
    QByteArray all;
    QElapsedTimer clock;
    clock.start();
    Read r;
    while ((r = readSome(all, clock, timeoutMs)) == Read::Data) {
    }
    if (r == Read::TimedOut)
        m_error = QStringLiteral("recv: no end of stream within %1 ms").arg(timeoutMs);
    return all;
}

bool RawSocket::waitForClose(int timeoutMs)
{
    QByteArray dropped;
    QElapsedTimer clock;
    clock.start();
    Read r;
    while ((r = readSome(dropped, clock, timeoutMs)) == Read::Data)
        dropped.clear();
    return r != Read::TimedOut;
}

} // namespace gw::test
