#include "console/apiresponse.h"

#include <QCoreApplication>

namespace gw::console {

ApiResponse ApiResponse::answered(int status, const QJsonDocument &doc)
{
    ApiResponse r;
    r.status = status;
    r.body = doc.object();
    r.array = doc.array();
    if (r.ok())
        return r;
    const QJsonObject error = r.body.value(api::field::error).toObject();
    r.errorCode = error.value(api::field::code).toString();
    r.errorDescription = error.value(api::field::description).toString();
    if (const QString f = error.value(api::field::fieldName).toString();
        !f.isEmpty() && !r.errorDescription.isEmpty())
        r.errorDescription +=
            QCoreApplication::translate("gw::console::ApiClient", " (field: %1)").arg(f);
    return r;
}

} // namespace gw::console
