#include "server/http/dispatch.h"

#include "core/logging.h"
#include "httpguard/trustedproxies.h"
#include "queue/jobqueue.h"
#include "server/databasewatch.h"
#include "server/http/auth.h"
#include "server/http/ratelimiter.h"
#include "server/http/reply.h"
#include "store/idempotencystore.h"
#include "store/sql.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <optional>

namespace gw::http {

namespace {
const QByteArray kJson = QByteArrayLiteral("application/json");

struct Encoded
{
    int status = 200;
    QByteArray body;
    QByteArray contentType;
    QList<JobRef> jobs;
};

Encoded encode(const Result<Reply> &r)
{
    if (!r)
        return {int(httpStatus(r.error().code)), compactJson(r.error().toJson()), kJson, {}};
    if (!r->rawBody.isNull())
        return {r->status, r->rawBody, r->contentType, r->jobs};
    return {r->status, compactJson(r->body), kJson, r->jobs};
}

QHttpServerResponse respond(const Encoded &e)
{
    return QHttpServerResponse(e.contentType, e.body, QHttpServerResponse::StatusCode(e.status));
}

void pushJobs(ServerContext &ctx, const QList<JobRef> &jobs)
{
    if (jobs.isEmpty())
        return;
    // The rows are committed; the pusher sends them off this thread (and keeps them while Redis
    // is away); whatever never reaches Redis the worker's sweeper pushes later.
    if (ctx.pusher) {
        ctx.pusher->enqueue(jobs);
        return;
    }
    if (auto s = queue::JobQueue(ctx.redis).push(jobs); !s)
        qCWarning(lcHttp).noquote()
            << "job push failed, left to the sweeper:" << s.error().description;
}

// A failover: while no primary takes writes, a request waits (until `deadline`, from
// DB_FAILOVER_WAIT_MS) for the database watch to find the new one rather than fail at once.
// Whether it then runs once more depends on what it had done: see onPrimary.
bool awaitPrimary(ServerContext &ctx, const QDeadlineTimer &deadline)
{
    return ctx.databaseWatch && !deadline.hasExpired() &&
           ctx.databaseWatch->awaitWritable(deadline);
}

// A session to a primary that takes writes, opened before the request's first statement:
// nothing has been sent, so waiting for one is safe for any request.
OkOrError openSession(ServerContext &ctx, const QDeadlineTimer &deadline)
{
    for (;;) {
        OkOrError open = ctx.db.ensureOpen();
        if (open || !awaitPrimary(ctx, deadline))
            return open;
    }
}

// `attempt` on a session to the primary. When its session is lost on the way (a 503 with the
// session dropped: its primary died or was demoted), it runs again on the next primary, which
// only work that may run twice asks for: a read, or a keyed write, whose key replays what
// committed (IdempotencyStore::runOnce; the answer comes from where the synchronous standby
// holds it) and runs what did not.
template <typename Attempt>
Encoded onPrimary(ServerContext &ctx, const QDeadlineTimer &deadline, Attempt attempt)
{
    if (deadline.hasExpired()) // no waiting for this one (DB_FAILOVER_WAIT_MS=0, or no database)
        return attempt();
    for (;;) {
        if (auto s = openSession(ctx, deadline); !s)
            return encode(s.error());
        Encoded e = attempt();
        if (e.status != int(HttpStatus::ServiceUnavailable) || ctx.db.db().isOpen() ||
            !awaitPrimary(ctx, deadline))
            return e;
    }
}

Result<Merchant> authenticateFor(Access access, ServerContext &ctx,
                                 const QHttpServerRequest &request)
{
    switch (access) {
    case Access::None:
        return Merchant{};
    case Access::Merchant:
        return authenticate(request, ctx);
    case Access::PublicKey:
        return authenticateKeyOnly(request, ctx);
    }
    return Merchant{};
}

// Idempotency-Key: 1–255 printable ASCII characters.
bool validKey(const QByteArray &key)
{
    if (key.isEmpty() || key.size() > 255)
        return false;
    for (char c : key)
        if (c < 0x20 || c > 0x7e)
            return false;
    return true;
}

QString requestHash(const QHttpServerRequest &request)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(methodName(request.method()).toUtf8());
    h.addData(QByteArrayView(" "));
    h.addData(request.url().path(QUrl::FullyEncoded).toUtf8());
    h.addData(QByteArrayView("\n"));
    h.addData(request.body());
    return QString::fromLatin1(h.result().toHex());
}

Encoded writeOnce(const Route &route, const Call &call)
{
    Encoded e =
        encode(route.mode == Mode::Statement
                   ? route.handler(call)
                   : store::inTransaction<Reply>(call.ctx.db, [&] { return route.handler(call); }));
    pushJobs(call.ctx, e.jobs);
    return e;
}

// The work and its stored response commit together (IdempotencyStore::runOnce); a second
// request with the key blocks on the claim until then and replays, so any number of them create
// one object. Only the encoding is done here: a 4xx answer is stored without the work's writes,
// a 5xx one is not stored.
Encoded writeIdempotent(const Route &route, const Call &call, const QString &key, bool &replayed)
{
    Encoded e;
    auto once = store::IdempotencyStore(call.ctx.db)
                    .runOnce(call.merchant.id, key, requestHash(call.request), [&] {
                        const Result<Reply> r = route.handler(call);
                        e = encode(r);
                        using Keep = store::KeyedAnswer::Keep;
                        const Keep keep = r                 ? Keep::WorkAndAnswer
                                          : e.status >= 500 ? Keep::Nothing
                                                            : Keep::AnswerOnly;
                        return store::KeyedAnswer{keep, e.status, e.body};
                    });
    if (!once)
        return encode(once.error());
    if (once->replayed) {
        replayed = true;
        return {once->status, once->body, kJson, {}};
    }
    pushJobs(call.ctx, e.jobs);
    return e;
}

// The address the request came from: its peer's, or the client a trusted proxy names.
QHostAddress clientAddress(const ServerContext &ctx, const QHttpServerRequest &request)
{
    if (!ctx.trustedProxies)
        return request.remoteAddress();
    QList<QByteArray> forwardedFor;
    for (const auto &[name, value] : request.headers())
        if (name.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0)
            forwardedFor.append(value);
    return ctx.trustedProxies->clientOf(request.remoteAddress(), forwardedFor);
}

// The merchant's bucket: its key, or for the public checkout routes its key and the caller's
// address.
RateDecision takeToken(Access access, ServerContext &ctx, const QHttpServerRequest &request,
                       const Merchant &m)
{
    if (!ctx.rateLimiter || access == Access::None)
        return {};
    const QString bucket = access == Access::PublicKey
                               ? m.id + QStringLiteral(":") + clientAddress(ctx, request).toString()
                               : m.id;
    return ctx.rateLimiter->take(bucket, m.rateLimitPerSecond, m.rateLimitBurst);
}

void setRateHeaders(QHttpServerResponse &response, const RateDecision &d)
{
    response.setHeader(QByteArrayLiteral("RateLimit-Limit"), QByteArray::number(d.limit));
    response.setHeader(QByteArrayLiteral("RateLimit-Remaining"), QByteArray::number(d.remaining));
    response.setHeader(QByteArrayLiteral("RateLimit-Reset"), QByteArray::number(d.resetSeconds));
}

// A POST without Idempotency-Key to a route that commits by itself (group commit).
bool committing(const Route &route, const QHttpServerRequest &request)
{
    return route.committing && request.method() == QHttpServerRequest::Method::Post &&
           request.value(QByteArrayLiteral("Idempotency-Key")).isEmpty();
}

QHttpServerResponse handle(const Route &route, const Call &call, const QDeadlineTimer &deadline)
{
    const QHttpServerRequest &request = call.request;
    const QByteArray key = request.value(QByteArrayLiteral("Idempotency-Key"));
    if (route.mode == Mode::Read)
        return respond(onPrimary(call.ctx, deadline, [&] { return encode(route.handler(call)); }));

    if (request.method() != QHttpServerRequest::Method::Post || key.isEmpty())
        return respond(writeOnce(route, call));
    if (!validKey(key))
        return error(ApiError::badRequest(
            QStringLiteral("Idempotency-Key must be 1 to 255 printable characters"),
            QStringLiteral("Idempotency-Key")));
    bool replayed = false;
    QHttpServerResponse response = respond(onPrimary(call.ctx, deadline, [&] {
        return writeIdempotent(route, call, QString::fromLatin1(key), replayed);
    }));
    if (replayed)
        response.setHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
    return response;
}
} // namespace

void dispatch(const Route &route, ServerContext &ctx, const QHttpServerRequest &request,
              const QString &id, Answer answer)
{
    // How long this request may wait for a primary (0: it never waits).
    const QDeadlineTimer deadline(route.access == Access::None ? 0 : ctx.config.failoverWaitMs);
    std::optional<Result<Merchant>> merchant; // none: no primary was found to ask
    const Encoded refused = onPrimary(ctx, deadline, [&] {
        merchant = authenticateFor(route.access, ctx, request);
        return *merchant ? Encoded{} : encode(merchant->error());
    });
    if (!merchant || !*merchant) {
        answer(respond(refused));
        return;
    }
    const RateDecision rate = takeToken(route.access, ctx, request, merchant->value());
    // The rate headers go on the answer whenever it comes.
    Answer finish = [rate, answer = std::move(answer)](QHttpServerResponse &&response) {
        if (rate.enforced) {
            setRateHeaders(response, rate);
            if (!rate.allowed)
                response.setHeader(QByteArrayLiteral("Retry-After"),
                                   QByteArray::number(rate.retryAfterSeconds));
        }
        answer(std::move(response));
    };
    if (!rate.allowed) {
        finish(error(ApiError{ErrorCode::RateLimited,
                              QStringLiteral("Too many requests for this key; retry in %1 s")
                                  .arg(rate.retryAfterSeconds),
                              {}}));
        return;
    }
    const Call call{ctx, request, merchant->value(), id};
    if (!committing(route, request)) {
        finish(handle(route, call, deadline));
        return;
    }
    route.committing(call, [&ctx, finish = std::move(finish)](Result<Reply> r) {
        const Encoded e = encode(r);
        pushJobs(ctx, e.jobs); // none when the writer has them
        finish(respond(e));
    });
}

} // namespace gw::http
