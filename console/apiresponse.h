#pragma once
// One answer from the REST API: the HTTP status (0 when no answer came), the JSON body and, for
// failures, the contract's error code and a sentence an operator can act on.
#include "console/apifields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace gw::console {

struct ApiResponse
{
    int status = 0;
    QJsonObject body;
    QJsonArray array;  // when the body is a JSON array rather than an object
    QString errorCode; // e.g. "AUTHENTICATION_ERROR"; "NETWORK_ERROR" when there was no answer
    QString errorDescription; // the API's description, or what went wrong on the way

    // An answer that came: the body, and for a failure the contract's error code and description
    // (with the field at fault); the description stays empty when the body has none.
    static ApiResponse answered(int status, const QJsonDocument &body);

    bool ok() const { return status >= 200 && status < 300; }
    bool unreachable() const { return status == 0; }
    // The rows of a list answer: {data:[…]} or a bare array.
    QJsonArray rows() const
    {
        return body.contains(api::field::data) ? body.value(api::field::data).toArray() : array;
    }
};

} // namespace gw::console
