#pragma once
// A local webhook receiver for tests: HTTP/1.1 with keep-alive on 127.0.0.1, recording every
// request (headers lower-cased, raw body, arrival time) and answering with the status the test
// chooses (fail the first N, fail always, stall, redirect), over http or https. Header-only so that
// any suite can use it without touching the support library.
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <functional>
#include <memory>

namespace gw::test {

struct ReceivedRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 atMs = 0;
};

// How to answer one request.
struct ReceiverReply
{
    int status = 200;
    int stallMs = 0;     // wait this long before answering
    QByteArray location; // a Location header (redirects)
};

class WebhookReceiver
{
public:
    // Chooses the answer from the request and how many requests with its webhook-id came so far
    // (1 for the first attempt). Default: 200 for everything.
    std::function<ReceiverReply(const ReceivedRequest &, int nth)> decide;
    QList<ReceivedRequest> requests;

    QList<ReceivedRequest> forEvent(const QByteArray &eventId) const
    {
        QList<ReceivedRequest> out;
        for (const auto &r : requests)
            if (r.headers.value("webhook-id") == eventId)
                out.append(r);
        return out;
    }

    bool listen()
    {
        QObject::connect(m_server.get(), &QTcpServer::newConnection, m_server.get(),
                         [this] { accept(); });
        return m_server->listen(m_address, 0);
    }
    // Another address than loopback (the root side of a test's own network namespaces).
    bool listen(const QHostAddress &address)
    {
        m_address = address;
        return listen();
    }
    // https with `tls` (its certificate and key): a connection counts once its handshake is done.
    bool listenTls(const QSslConfiguration &tls)
    {
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(tls);
        m_server = std::move(server);
        QObject::connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, m_server.get(),
                         [this] { accept(); });
        return m_server->listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server->serverPort(); }
    QString url(const QString &path = QStringLiteral("/webhook")) const
    {
        return QStringLiteral("http://%1:%2%3").arg(m_address.toString()).arg(port()).arg(path);
    }
    int connections = 0;

private:
    void accept()
    {
        while (QTcpSocket *s = m_server->nextPendingConnection()) {
            ++connections;
            QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { onData(s); });
            QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            if (s->bytesAvailable() > 0) // came with the TLS handshake
                onData(s);
        }
    }

    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        for (;;) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            ReceivedRequest r;
            const QList<QByteArray> lines = buf.left(end).split('\n');
            const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
            r.method = start.value(0);
            r.path = start.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                r.headers.insert(name, line.mid(colon + 1).trimmed());
                if (name == "content-length")
                    length = line.mid(colon + 1).trimmed().toLongLong();
            }
            if (buf.size() < end + 4 + length)
                return;
            r.body = buf.mid(end + 4, length);
            buf.remove(0, end + 4 + length);
            r.atMs = QDateTime::currentMSecsSinceEpoch();
            requests.append(r);
            const int nth = int(forEvent(r.headers.value("webhook-id")).size());
            const ReceiverReply reply = decide ? decide(r, nth) : ReceiverReply{};
            const bool ok = reply.status >= 200 && reply.status < 300;
            QByteArray body = ok ? QByteArray("{\"received\":true}")
                                 : QByteArray("{\"error\":\"nope \xe2\x9c\x97\"}");
            QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status) +
                                  " X\r\nContent-Type: application/json\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(body.size()) + "\r\n";
            if (!reply.location.isEmpty())
                response += "Location: " + reply.location + "\r\n";
            response += "\r\n" + body;
            QPointer<QTcpSocket> guard(s);
            if (reply.stallMs > 0)
                QTimer::singleShot(reply.stallMs, s, [guard, response] {
                    if (guard)
                        guard->write(response);
                });
            else
                s->write(response);
        }
    }

    std::unique_ptr<QTcpServer> m_server = std::make_unique<QTcpServer>();

    QHostAddress m_address = QHostAddress(QHostAddress::LocalHost);
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace gw::test
