#pragma once
// Follows the byte stream of one HTTP/1.1 connection, request after request, without buffering
// it: it only needs header sizes, Content-Length and chunk sizes to tell whether a request breaks
// a limit before QtHttpServer (which has none) reads it into memory.
#include <QByteArray>

namespace gw::http {

struct FrameLimits
{
    qsizetype maxHeaderBytes = 32 * 1024;
    int maxHeaderFields = 100;
    qint64 maxBodyBytes = 1024 * 1024;
};

class RequestFramer
{
public:
    enum class Verdict { Fine, BodyTooLarge, HeadersTooLarge, Malformed };

    explicit RequestFramer(FrameLimits limits = {}) : m_limits(limits) {}
    // Feeds the next bytes of the stream; the first verdict other than Fine is final.
    Verdict feed(const char *data, qsizetype size);
    Verdict feed(const QByteArray &bytes) { return feed(bytes.constData(), bytes.size()); }
    // True between the first byte of a request and the last byte of its body.
    bool inRequest() const { return m_state != State::Idle; }
    enum class Phase { Idle, Head, Body };
    Phase phase() const;
    // Requests begun and ended so far: they tell a new request from the one before it when both
    // arrive in one read.
    quint64 requestsBegun() const { return m_requestsBegun; }
    quint64 requestsEnded() const { return m_requestsEnded; }
    // Bytes of the current request's body so far (chunk framing included).
    qint64 bodyBytesReceived() const { return m_bodyReceived; }

private:
    enum class State { Idle, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };
    Verdict headerLineDone();
    Verdict chunkSizeLineDone();
    Verdict endHeaders();
    void endRequest();

    FrameLimits m_limits;
    State m_state = State::Idle;
    QByteArray m_line; // the current header or chunk-size line
    qsizetype m_headerBytes = 0;
    int m_headerFields = 0;
    qint64 m_contentLength = 0;
    bool m_chunked = false;
    qint64 m_remaining = 0; // body or chunk bytes still to come
    qint64 m_bodyBytes = 0; // decoded chunked body so far
    Verdict m_final = Verdict::Fine;
    quint64 m_requestsBegun = 0;
    quint64 m_requestsEnded = 0;
    qint64 m_bodyReceived = 0;
};

} // namespace gw::http
