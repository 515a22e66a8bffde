#include "httpguard/requestframer.h"

namespace gw::http {

namespace {
constexpr qsizetype kMaxChunkLine = 1024;

bool equalsIgnoreCase(const QByteArray &a, const char *b)
{
    return a.compare(QByteArray(b), Qt::CaseInsensitive) == 0;
}
} // namespace

RequestFramer::Verdict RequestFramer::feed(const char *data, qsizetype size)
{
    qsizetype i = 0;
    while (m_final == Verdict::Fine && i < size) {
        switch (m_state) {
        case State::Idle:
            m_state = State::Headers;
            m_line.clear();
            m_headerBytes = 0;
            m_headerFields = 0;
            m_contentLength = 0;
            m_chunked = false;
            m_bodyBytes = 0;
            m_bodyReceived = 0;
            ++m_requestsBegun;
            break;
        case State::Headers:
        case State::ChunkSize:
        case State::Trailers: {
            const char c = data[i++];
            if (m_state != State::Headers)
                ++m_bodyReceived;
            if (m_state == State::Headers && ++m_headerBytes > m_limits.maxHeaderBytes)
                return m_final = Verdict::HeadersTooLarge;
            if (c != '\n') {
                if (m_state != State::Headers && m_line.size() > kMaxChunkLine)
                    return m_final = Verdict::Malformed;
                m_line.append(c);
                break;
            }
            if (m_line.endsWith('\r'))
                m_line.chop(1);
            const Verdict v = m_state == State::Headers     ? headerLineDone()
                              : m_state == State::ChunkSize ? chunkSizeLineDone()
                                                            : Verdict::Fine;
            if (m_state == State::Trailers && m_line.isEmpty())
                endRequest();
            m_line.clear();
            if (v != Verdict::Fine)
                return m_final = v;
            break;
        }
        case State::Body:
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, size - i);
            i += take;
            m_remaining -= take;
            m_bodyReceived += take;
            if (m_remaining == 0) {
                if (m_state == State::Body)
                    endRequest();
                else
                    m_state = State::ChunkDataEnd;
            }
            break;
        }
        case State::ChunkDataEnd: {
            const char c = data[i++];
            ++m_bodyReceived;
            if (c == '\n')
                m_state = State::ChunkSize;
            else if (c != '\r')
                return m_final = Verdict::Malformed;
            break;
        }
        }
    }
    return m_final;
}

RequestFramer::Verdict RequestFramer::headerLineDone()
{
    if (m_line.isEmpty()) {
        // Leading empty lines before a request line are tolerated (RFC 9112 2.2).
        if (m_headerFields == 0)
            return Verdict::Fine;
        return endHeaders();
    }
    if (m_headerFields++ == 0)
        return Verdict::Fine; // the request line
    if (m_headerFields - 1 > m_limits.maxHeaderFields)
        return Verdict::HeadersTooLarge;
    const qsizetype colon = m_line.indexOf(':');
    if (colon <= 0)
        return Verdict::Malformed;
    const QByteArray name = m_line.left(colon).trimmed();
    const QByteArray value = m_line.mid(colon + 1).trimmed();
    if (equalsIgnoreCase(name, "content-length")) {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < 0)
            return Verdict::Malformed;
        m_contentLength = n;
        if (n > m_limits.maxBodyBytes)
            return Verdict::BodyTooLarge;
    } else if (equalsIgnoreCase(name, "transfer-encoding")) {
        m_chunked = value.toLower().contains("chunked");
    }
    return Verdict::Fine;
}

RequestFramer::Verdict RequestFramer::endHeaders()
{
    if (m_chunked) {
        m_state = State::ChunkSize;
    } else if (m_contentLength > 0) {
        m_remaining = m_contentLength;
        m_state = State::Body;
    } else {
        endRequest();
    }
    return Verdict::Fine;
}

void RequestFramer::endRequest()
{
    m_state = State::Idle;
    ++m_requestsEnded;
}

RequestFramer::Phase RequestFramer::phase() const
{
    switch (m_state) {
    case State::Idle:
        return Phase::Idle;
    case State::Headers:
        return Phase::Head;
    default:
        return Phase::Body;
    }
}

RequestFramer::Verdict RequestFramer::chunkSizeLineDone()
{
    const qsizetype semicolon = m_line.indexOf(';');
    const QByteArray hex = (semicolon >= 0 ? m_line.left(semicolon) : m_line).trimmed();
    bool ok = false;
    const qint64 n = hex.toLongLong(&ok, 16);
    if (!ok || n < 0 || hex.size() > 15)
        return Verdict::Malformed;
    m_bodyBytes += n;
    if (m_bodyBytes > m_limits.maxBodyBytes)
        return Verdict::BodyTooLarge;
    if (n == 0) {
        m_state = State::Trailers;
        return Verdict::Fine;
    }
    m_remaining = n;
    m_state = State::ChunkData;
    return Verdict::Fine;
}

} // namespace gw::http
