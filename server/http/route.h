#pragma once
// One API route as data: method, path, description, who may call it, and a thin handler. The
// route table registers these with QtHttpServer and writes openapi.json from the same list, so a
// route cannot exist without its description.
#include "core/job.h"
#include "core/merchant.h"
#include "core/result.h"
#include "server/servercontext.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

namespace gw::http {

enum class Access {
    None,      // anyone
    Merchant,  // X-Api-Key + X-Api-Secret
    PublicKey, // X-Api-Key alone, with CORS for the checkout origin
};

enum class Mode {
    Read,      // no transaction
    Write,     // one transaction; a POST honours Idempotency-Key; jobs are pushed after COMMIT
    Statement, // as Write, but the handler writes in ONE statement, which commits by itself in
               // autocommit: no BEGIN and COMMIT round trips around it (with an Idempotency-Key
               // it runs inside the key's transaction, as Write does)
};

// What a handler sees.
struct Call
{
    ServerContext &ctx;
    const QHttpServerRequest &request;
    const Merchant &merchant; // empty for Access::None
    QString id;               // the {id} segment of the path, if any
};

// What a handler answers: a JSON body (or raw bytes with a content type) and the jobs to push.
struct Reply
{
    int status = 200;
    QJsonObject body;
    QList<JobRef> jobs;
    QByteArray rawBody;     // when set, sent instead of `body`
    QByteArray contentType; // with rawBody
};

inline Reply reply(int status, QJsonObject body, QList<JobRef> jobs = {})
{
    Reply r;
    r.status = status;
    r.body = std::move(body);
    r.jobs = std::move(jobs);
    return r;
}

using Handler = std::function<Result<Reply>(const Call &)>;
// A handler that may answer later: it calls `done` exactly once, at once or afterwards on the
// calling thread (ServerContext::inbox), and must not keep the Call, which is gone by then.
using ReplyCallback = std::function<void(Result<Reply>)>;
using LaterHandler = std::function<void(const Call &, ReplyCallback done)>;

// A query parameter as openapi.json describes it.
struct QueryParam
{
    QString name = {};
    QString description = {};
    QStringList values = {};                 // allowed values, when an enumeration
    QString type = QStringLiteral("string"); // or "integer"
    bool required = false;
};

struct Route
{
    QHttpServerRequest::Method method;
    QString path;    // OpenAPI form, e.g. /api/v1/orders/{id}
    QString summary; // one line for openapi.json; required
    Access access = Access::Merchant;
    Mode mode = Mode::Read;
    Handler handler;
    QString requestSchema; // name of a request body schema in openapi.json, if any
    QList<QueryParam> query = {};
    // A write without Idempotency-Key that commits by itself (group commit) and answers once it
    // has, run instead of `handler` in a transaction; with a key, `handler` runs as usual.
    LaterHandler committing = {};
};

QString methodName(QHttpServerRequest::Method method); // "GET", "POST", …

} // namespace gw::http
