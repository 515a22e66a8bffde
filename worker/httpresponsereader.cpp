#include "worker/httpresponsereader.h"

#include <QList>

namespace gw::worker {

namespace {
constexpr qsizetype kHeadLimit = 64 * 1024;
constexpr qsizetype kLineLimit = 4 * 1024; // a chunk-size or trailer line

bool hasToken(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &t : value.toByteArray().split(','))
        if (t.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}
} // namespace

void HttpResponseReader::reset()
{
    *this = HttpResponseReader(m_bodyLimit);
}

HttpResponseReader::State HttpResponseReader::fail(const QString &error)
{
    m_error = error;
    m_keepAlive = false;
    m_state = State::Invalid;
    return m_state;
}

bool HttpResponseReader::failed(const QString &error)
{
    fail(error);
    return false;
}

void HttpResponseReader::keep(QByteArrayView bytes)
{
    if (m_body.size() < m_bodyLimit)
        m_body.append(bytes.first(qMin<qsizetype>(bytes.size(), m_bodyLimit - m_body.size())));
}

HttpResponseReader::State HttpResponseReader::feed(QByteArrayView bytes)
{
    if (m_state == State::Complete && !bytes.isEmpty())
        m_keepAlive =
            false; // bytes nobody asked for: this connection's framing is not to be trusted
    if (m_state != State::Incomplete)
        return m_state;
    if (!bytes.isEmpty())
        m_started = true;
    m_buffer.append(bytes);
    while (m_state == State::Incomplete && step()) {
    }
    if (m_state == State::Complete && !m_buffer.isEmpty())
        m_keepAlive = false;
    return m_state;
}

HttpResponseReader::State HttpResponseReader::closed()
{
    if (m_state != State::Incomplete)
        return m_state;
    if (m_phase == Phase::UntilClose) {
        m_phase = Phase::Done;
        m_state = State::Complete;
        return m_state;
    }
    return fail(m_started ? QStringLiteral("The connection closed in the middle of the response")
                          : QStringLiteral("The connection closed without a response"));
}

bool HttpResponseReader::step()
{
    switch (m_phase) {
    case Phase::Head: {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() > kHeadLimit)
                fail(QStringLiteral("The response's header is larger than 64 KiB"));
            return false;
        }
        const bool ok = parseHead(QByteArrayView(m_buffer).first(end));
        m_buffer.remove(0, end + 4);
        return ok;
    }
    case Phase::Fixed:
    case Phase::ChunkData: {
        const qsizetype n = qMin<qint64>(m_remaining, m_buffer.size());
        keep(QByteArrayView(m_buffer).first(n));
        m_buffer.remove(0, n);
        m_remaining -= n;
        if (m_remaining > 0)
            return false;
        if (m_phase == Phase::Fixed) {
            m_phase = Phase::Done;
            m_state = State::Complete;
            return false;
        }
        m_phase = Phase::ChunkEnd;
        return true;
    }
    case Phase::ChunkEnd:
        if (m_buffer.size() < 2)
            return false;
        if (!m_buffer.startsWith("\r\n"))
            return failed(QStringLiteral("A chunk of the response does not end in CRLF"));
        m_buffer.remove(0, 2);
        m_phase = Phase::ChunkSize;
        return true;
    case Phase::ChunkSize:
    case Phase::Trailers: {
        const qsizetype end = m_buffer.indexOf("\r\n");
        if (end < 0) {
            if (m_buffer.size() > kLineLimit)
                fail(QStringLiteral("A chunk line of the response is too long"));
            return false;
        }
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        if (m_phase == Phase::Trailers) {
            if (line.isEmpty()) {
                m_phase = Phase::Done;
                m_state = State::Complete;
                return false;
            }
            return true;
        }
        const qsizetype semicolon = line.indexOf(';');
        bool ok = false;
        const QByteArray digits = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
        m_remaining = digits.toLongLong(&ok, 16);
        if (!ok || m_remaining < 0 || digits.size() > 15)
            return failed(QStringLiteral("A chunk size of the response is not a number"));
        m_phase = m_remaining == 0 ? Phase::Trailers : Phase::ChunkData;
        return true;
    }
    case Phase::UntilClose:
        keep(m_buffer);
        m_buffer.clear();
        return false;
    case Phase::Done:
        return false;
    }
    return false;
}

bool HttpResponseReader::parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    const QByteArray statusLine = lines.first().trimmed();
    // "HTTP/1.1 200 OK": the version, then three digits.
    const bool http11 = statusLine.startsWith("HTTP/1.1 ");
    if (!http11 && !statusLine.startsWith("HTTP/1.0 "))
        return failed(QStringLiteral("The answer is not an HTTP/1.x response"));
    bool ok = false;
    const int status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 599 || (statusLine.size() > 12 && statusLine.at(12) != ' '))
        return failed(QStringLiteral("The response's status line is malformed"));
    QByteArray connection, transferEncoding;
    qint64 contentLength = -1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "connection") {
            connection += ',' + value;
        } else if (name == "transfer-encoding") {
            transferEncoding += ',' + value;
        } else if (name == "content-length") {
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (contentLength >= 0 && contentLength != n))
                return failed(QStringLiteral("The response's Content-Length is invalid"));
            contentLength = n;
        }
    }
    if (status < 200) {
        if (status == 101)
            return failed(QStringLiteral("The receiver switched protocols unasked"));
        return true; // an interim answer (100 Continue, 103 Early Hints): the real one follows
    }
    m_status = status;
    m_keepAlive = http11 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
    if (status == 204 || status == 304) {
        m_phase = Phase::Done;
        m_state = State::Complete;
        return false;
    }
    if (!transferEncoding.isEmpty()) {
        const QList<QByteArray> codings = transferEncoding.split(',');
        if (codings.last().trimmed().compare("chunked", Qt::CaseInsensitive) != 0) {
            m_keepAlive = false; // read until close (RFC 9112 6.3)
            m_phase = Phase::UntilClose;
        } else {
            m_phase = Phase::ChunkSize;
        }
        return true;
    }
    if (contentLength >= 0) {
        m_remaining = contentLength;
        m_phase = Phase::Fixed;
        if (contentLength == 0) {
            m_phase = Phase::Done;
            m_state = State::Complete;
            return false;
        }
        return true;
    }
    m_keepAlive = false;
    m_phase = Phase::UntilClose;
    return true;
}

} // namespace gw::worker
