#include "worker/httpconnection.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace gw::worker {

HttpConnection::HttpConnection(const HttpTarget &target, int bodyLimit, QObject *parent)
    : QObject(parent), m_target(target),
      m_socket(target.tls ? new QSslSocket(this) : new QTcpSocket(this)), m_reader(bodyLimit)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimer);
    if (target.tls)
        connect(static_cast<QSslSocket *>(m_socket), &QSslSocket::encrypted, this,
                &HttpConnection::onConnected);
    else
        connect(m_socket, &QTcpSocket::connected, this, &HttpConnection::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);
    // A graceful close reports RemoteHostClosedError first; this catches a close without one.
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onSocketError);
}

HttpConnection::~HttpConnection()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void HttpConnection::send(const QByteArray &request, int timeoutMs, ResponseCallback done)
{
    m_done = std::move(done);
    m_reader.reset();
    m_timer.start(timeoutMs);
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        m_used = true; // kept from an earlier request
        m_socket->write(request);
        return;
    }
    m_used = false;
    m_pending = request;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const bool viaHttpProxy = !m_target.tls && m_target.proxy.type() == QNetworkProxy::HttpProxy;
    if (viaHttpProxy) {
        // Plain http through an HTTP proxy: the request names the checked address in full.
        m_socket->setProxy(QNetworkProxy::NoProxy);
        m_socket->connectToHost(m_target.proxy.hostName(), m_target.proxy.port());
        return;
    }
    m_socket->setProxy(m_target.proxy);
    if (m_target.tls)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(
            m_target.address.toString(), m_target.port, m_target.peerName);
    else
        m_socket->connectToHost(m_target.address, m_target.port);
}

void HttpConnection::park(int idleMs)
{
    m_timer.start(idleMs);
}

void HttpConnection::onConnected()
{
    if (!m_pending.isEmpty())
        m_socket->write(std::exchange(m_pending, {}));
}

void HttpConnection::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    if (!m_done) { // an idle connection the peer talks on: it cannot carry a request any more
        m_socket->disconnect(this);
        m_socket->abort();
        Q_EMIT closed();
        return;
    }
    switch (m_reader.feed(bytes)) {
    case HttpResponseReader::State::Incomplete:
        return;
    case HttpResponseReader::State::Complete:
        complete(HttpResult{m_reader.status(),
                            m_reader.body(),
                            {},
                            false,
                            false,
                            false,
                            m_reader.keepAlive() &&
                                m_socket->state() == QAbstractSocket::ConnectedState});
        return;
    case HttpResponseReader::State::Invalid:
        complete(HttpResult{0, {}, m_reader.error(), false, false, false, false});
        return;
    }
}

void HttpConnection::onSocketError()
{
    if (!m_done) { // idle: closed by the peer
        m_socket->disconnect(this);
        m_socket->abort();
        Q_EMIT closed();
        return;
    }
    const auto error = m_socket->error();
    if (m_reader.closed() == HttpResponseReader::State::Complete) { // a body read until close
        complete(HttpResult{m_reader.status(), m_reader.body(), {}, false, false, false, false});
        return;
    }
    HttpResult r;
    r.error =
        error == QAbstractSocket::UnknownSocketError ? m_reader.error() : m_socket->errorString();
    r.refused = error == QAbstractSocket::ConnectionRefusedError;
    r.stale =
        m_used && !m_reader.started() &&
        (error == QAbstractSocket::RemoteHostClosedError ||
         error == QAbstractSocket::NetworkError || error == QAbstractSocket::UnknownSocketError);
    complete(r);
}

void HttpConnection::onTimer()
{
    if (!m_done) { // parked long enough
        m_socket->disconnect(this);
        m_socket->abort();
        Q_EMIT closed();
        return;
    }
    HttpResult r;
    r.timedOut = true;
    r.error = QStringLiteral("No response in time");
    complete(r);
}

void HttpConnection::complete(HttpResult r)
{
    m_timer.stop();
    m_pending.clear();
    if (!r.reusable) { // no further signal: the caller deletes or drops this connection
        m_socket->disconnect(this);
        m_socket->abort();
    }
    const ResponseCallback done = std::exchange(m_done, {});
    done(r);
}

} // namespace gw::worker
