#pragma once
// The merchant-side step of the demo page: POST /demo/order creates an order through the API with
// the seeded test merchant's key and secret, so the secret never reaches a browser. Test mode only;
// a real merchant does this on their own server.
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>

class QHttpServerRequest;
class QHttpServerResponder;

namespace gw::checkout {

class DemoOrders : public QObject
{
public:
    static constexpr const char *kTestKey = "key_test_abc123";
    static constexpr const char *kTestSecret = "secret_test_xyz789";

    DemoOrders(QString apiBaseUrl, QObject *parent = nullptr);

    // Replies later, once the API has answered (or 502 when it cannot be reached).
    void create(const QHttpServerRequest &request, QHttpServerResponder &&responder);

private:
    QString m_api;
    QNetworkAccessManager m_nam;
};

} // namespace gw::checkout
