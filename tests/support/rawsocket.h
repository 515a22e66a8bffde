#pragma once
// A plain blocking loopback TCP client for guard tests: it behaves the way simple HTTP clients do
// (Node's http, Python requests), writing a whole request before reading anything, and reports
// exactly what the kernel said (a reset is a reset, not a Qt error state).
#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

namespace gw::test {

class RawSocket
{
public:
    // Connects to 127.0.0.1:port; check isOpen() (error() says why not).
    explicit RawSocket(quint16 port, int timeoutMs = 10000);
    ~RawSocket();
    RawSocket(const RawSocket &) = delete;
    RawSocket &operator=(const RawSocket &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    QString error() const { return m_error; }
    // Writes every byte or fails (error() names the errno, e.g. "Connection reset by peer").
    bool sendAll(const QByteArray &bytes);
    // Reads until the peer closes, the timeout passes or the connection fails; error() is set on
    // failure (a reset included), left empty on an orderly close.
    QByteArray readToEnd(int timeoutMs = 10000);
    // True when the peer closes (orderly or with a reset) within the timeout; what it sends first
    // is read and dropped.
    bool waitForClose(int timeoutMs);
    void close();

private:
    enum class Read { Data, Closed, Failed, TimedOut };
    Read readSome(QByteArray &into, const QElapsedTimer &clock, int timeoutMs);

    int m_fd = -1;
    QString m_error;
};

} // namespace gw::test
