#pragma once
// One keep-alive HTTP/1.1 connection of a webhook endpoint to one checked address: a QTcpSocket,
// or a QSslSocket verifying the certificate against the URL's host (also the SNI name). It
// carries one request at a time; the deadline starts when the request is handed to it and covers
// connecting, the TLS handshake, sending and the whole response. The caller frames the request
// (WebhookSender) and keeps the connection for the endpoint's next request when the answer says
// it may (HttpResult::reusable), parking it meanwhile (park).
#include "worker/httpresponsereader.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QObject>
#include <QTimer>
#include <functional>

class QTcpSocket;

namespace gw::worker {

// Where a connection goes: the checked address (or the HTTP proxy that the application's proxy
// settings name for plain http), and for TLS the name the certificate must carry.
struct HttpTarget
{
    QHostAddress address;
    quint16 port = 0;
    bool tls = false;
    QString peerName;    // the URL's host: certificate and SNI
    QNetworkProxy proxy; // NoProxy, an HTTP proxy spoken to directly (http), or a tunnel
    bool operator==(const HttpTarget &o) const
    {
        return address == o.address && port == o.port && tls == o.tls && peerName == o.peerName &&
               proxy == o.proxy;
    }
};

struct HttpResult
{
    int status = 0; // 0: no HTTP answer
    QByteArray body;
    QString error; // set when status is 0
    bool timedOut = false;
    bool refused = false;  // the address refused the connection: nothing was sent
    bool stale = false;    // a kept connection the peer had closed: nothing was answered
    bool reusable = false; // the answer came whole and the peer keeps the connection open
};

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using ResponseCallback = std::function<void(const HttpResult &)>;

    HttpConnection(const HttpTarget &target, int bodyLimit, QObject *parent = nullptr);
    ~HttpConnection() override;

    const HttpTarget &target() const { return m_target; }
    // Sends `request` (head and body, framed), connecting first if need be. `done` is called
    // once, at the latest `timeoutMs` from now; after it the connection is idle or closed.
    void send(const QByteArray &request, int timeoutMs, ResponseCallback done);
    // Keeps an idle connection open for at most `idleMs`; closed() when it ends, by then or by the
    // peer.
    void park(int idleMs);

Q_SIGNALS:
    void closed();

private:
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onTimer();
    void complete(HttpResult r);

    HttpTarget m_target;
    QTcpSocket *m_socket;
    QTimer m_timer;
    HttpResponseReader m_reader;
    QByteArray m_pending; // written once connected
    ResponseCallback m_done;
    bool m_used = false; // carried a request before this one
};

} // namespace gw::worker
