#pragma once
// WebhookReceiver: a merchant's webhook endpoint inside the test process, on 127.0.0.1. It answers
// every POST with the status it is told to (500 until a test flips it), and keeps what it got.
#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <functional>

namespace gw::test {

struct ReceivedWebhook
{
    QByteArray head;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const int colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

class WebhookReceiver
{
public:
    explicit WebhookReceiver(int status = 500) : m_status(status)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/hooks").arg(m_server.serverPort());
    }
    void setStatus(int status) { m_status = status; }
    // Decides the status per request instead (e.g. by event); an empty rule goes back to setStatus.
    void setRule(std::function<int(const ReceivedWebhook &)> rule) { m_rule = std::move(rule); }
    const QList<ReceivedWebhook> &received() const { return m_received; }

private:
    void serve(QTcpSocket *socket)
    {
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
            socket->setProperty("buffer", buffer);
            const int end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            ReceivedWebhook hook;
            hook.head = buffer.left(end);
            const int length = hook.header("content-length").toInt();
            if (buffer.size() < end + 4 + length)
                return;
            hook.body = buffer.mid(end + 4, length);
            m_received.append(hook);
            const int status = m_rule ? m_rule(hook) : m_status;
            const QByteArray reply = status >= 200 && status < 300
                                         ? QByteArray("{\"ok\":true}")
                                         : QByteArray("{\"error\":\"receiver says no\"}");
            socket->write("HTTP/1.1 " + QByteArray::number(status) +
                          " X\r\nContent-Type: application/json\r\n"
                          "Content-Length: " +
                          QByteArray::number(reply.size()) + "\r\nConnection: close\r\n\r\n" +
                          reply);
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
    int m_status;
    std::function<int(const ReceivedWebhook &)> m_rule;
    QList<ReceivedWebhook> m_received;
};

} // namespace gw::test
