#include "server/writer/writeranswer.h"

namespace gw::http {

Reply created(const QByteArray &json, const QList<JobRef> &jobs)
{
    Reply r;
    r.status = 201;
    r.rawBody = json;
    r.contentType = QByteArrayLiteral("application/json");
    r.jobs = jobs;
    return r;
}

} // namespace gw::http
