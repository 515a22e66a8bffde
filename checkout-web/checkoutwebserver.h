#pragma once
// The checkout-web HTTP front: GET and HEAD of the static site, the demo page's order step in test
// mode, and a plain 404 for everything else. One thread behind the same guard as the API, with
// the same HTTP_* settings (size limits, deadlines, connection caps, lingering close).
#include "core/config.h"
#include "demoorders.h"
#include "httpguard/guardlimits.h"
#include "staticsite.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <memory>

namespace gw::checkout {

class CheckoutWebServer : public QObject
{
public:
    explicit CheckoutWebServer(const Config &config, const QString &apiInternalUrl,
                               QObject *parent = nullptr);

    // The port listened on, or 0 with errorString() set.
    quint16 listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_error; }

private:
    void serveStatic(const QHttpServerRequest &request, QHttpServerResponder &&responder) const;

    StaticSite m_site;
    http::GuardLimits m_limits;         // from the same settings as the API's
    std::unique_ptr<DemoOrders> m_demo; // null outside test mode
    QHttpServer m_http;
    QString m_error;
};

} // namespace gw::checkout
