#pragma once
// Reads one HTTP/1.x response from the bytes a connection receives, in whatever pieces they come:
// the status, the first `bodyLimit` bytes of the body (the rest is read and dropped), and whether
// the connection may carry another request. Bodies by Content-Length, chunked, or until the peer
// closes; interim 1xx answers are skipped. No I/O of its own, so the unit tests feed it bytes.
#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace gw::worker {

class HttpResponseReader
{
public:
    enum class State { Incomplete, Complete, Invalid };

    explicit HttpResponseReader(int bodyLimit) : m_bodyLimit(bodyLimit) {}

    // Takes the next bytes received. Bytes after a complete response make it not reusable.
    State feed(QByteArrayView bytes);
    // The peer closed: completes a body read until close, anything else unfinished is Invalid.
    State closed();
    void reset();

    State state() const { return m_state; }
    bool started() const { return m_started; } // any byte of a response came
    int status() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    bool keepAlive() const { return m_keepAlive; }
    const QString &error() const { return m_error; }

private:
    enum class Phase { Head, Fixed, ChunkSize, ChunkData, ChunkEnd, Trailers, UntilClose, Done };
    bool parseHead(QByteArrayView head);
    void keep(QByteArrayView bytes);
    State fail(const QString &error);
    bool failed(const QString &error); // fail() for the parsing steps: false, stop
    bool step(); // one phase's worth of m_buffer; false: more bytes needed (or done / invalid)

    int m_bodyLimit;
    State m_state = State::Incomplete;
    Phase m_phase = Phase::Head;
    QByteArray m_buffer;
    qint64 m_remaining = 0; // of the fixed body or the current chunk
    bool m_started = false;
    int m_status = 0;
    QByteArray m_body;
    bool m_keepAlive = false;
    QString m_error;
};

} // namespace gw::worker
