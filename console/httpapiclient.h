#pragma once
// HttpApiClient: the ApiClient that talks HTTP to the gateway, on one QNetworkAccessManager,
// with the key and secret in headers and a transfer time-out; a failure becomes the contract's
// error code and description, or NETWORK_ERROR with a sentence when no answer came.
#include "console/apiclient.h"

#include <QNetworkAccessManager>

class QNetworkReply;

namespace gw::console {

class HttpApiClient : public ApiClient
{
    Q_OBJECT
public:
    explicit HttpApiClient(QObject *parent = nullptr);

    void setTimeout(int ms) { m_timeoutMs = ms; }

protected:
    void transmit(const ApiRequest &request, Callback finished) override;

private:
    ApiResponse toResponse(QNetworkReply *reply) const;

    QNetworkAccessManager m_nam;
    int m_timeoutMs = 15000;
};

} // namespace gw::console
