#include "server/apiserver.h"

#include "core/logging.h"
#include "httpguard/trustedproxies.h"
#include "queue/redisclient.h"
#include "server/http/auth.h"
#include "server/http/authcache.h"
#include "server/http/metrics.h"
#include "server/http/ratelimiter.h"
#include "server/http/reply.h"
#include "server/http/threadinbox.h"
#include "server/routes/routes.h"
#include "store/connection.h"

#include <QHttpServer>

namespace gw::http {

namespace {
constexpr int kHealthProbeMs = 30; // per Redis call of /health (ping, then the worker registry)
} // namespace

ApiServer::ApiServer(const Config &config, int listenDescriptor, GuardLimits limits,
                     std::shared_ptr<ConnectionBudget> budget, Metrics *metrics,
                     PaymentWriter *payments, const DatabaseWatch *databaseWatch, QObject *parent)
    : QThread(parent), m_config(config), m_descriptor(listenDescriptor), m_limits(limits),
      m_budget(std::move(budget)), m_metrics(metrics), m_payments(payments),
      m_databaseWatch(databaseWatch)
{
}

void ApiServer::run()
{
    store::Connection db(m_config.database, QStringLiteral("api"));
    queue::RedisClient redis(m_config.redis);
    AuthCache authCache;
    RateLimiter rateLimiter(m_config.redis);
    // /health asks Redis through its own client with a short time-out; jobs go to Redis from the
    // pusher's thread, so no request ever waits on Redis.
    queue::RedisClient probe(m_config.redis, kHealthProbeMs);
    queue::JobPusher pusher(m_config.redis);
    QObject inboxReceiver; // lives on this thread
    const auto inbox = std::make_shared<ThreadInbox>(&inboxReceiver);
    // Checked by main before any thread starts.
    const auto parsedProxies = TrustedProxies::parse(m_config.trustedProxies);
    const TrustedProxies trustedProxies = parsedProxies ? *parsedProxies : TrustedProxies{};
    ServerContext ctx{.config = m_config,
                      .db = db,
                      .redis = redis,
                      .metrics = m_metrics,
                      .authCache = &authCache,
                      .rateLimiter = &rateLimiter,
                      .pusher = &pusher,
                      .probe = &probe,
                      .payments = m_payments,
                      .inbox = inbox,
                      .draining = false,
                      .databaseWatch = m_databaseWatch,
                      .trustedProxies = trustedProxies.isEmpty() ? nullptr : &trustedProxies};

    QHttpServer http;
    registerApiRoutes(http, ctx);
    http.setMissingHandler(
        [&ctx](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            // Under /api/v1 credentials are checked first, so an unauthenticated caller learns
            // nothing about which routes exist.
            ApiError e = ApiError::noSuchRoute();
            if (request.url().path().startsWith(QStringLiteral("/api/v1/")))
                if (auto merchant = authenticate(request, ctx.db, ctx.config.apiSecretHashKey);
                    !merchant)
                    e = merchant.error();
            if (ctx.metrics)
                ctx.metrics->record(QStringLiteral("unmatched"), int(httpStatus(e.code)), 0);
            responder.write(compactJson(e.toJson()), QByteArrayLiteral("application/json"),
                            httpStatus(e.code));
        });

    auto *tcp = new GuardedTcpServer(m_limits, m_budget);
    // Connected before the process may ask (it asks once every thread is ready).
    connect(this, &ApiServer::drainRequested, tcp, [this, tcp, &ctx] {
        ctx.draining = true;
        connect(tcp, &GuardedTcpServer::drained, tcp, [this] { exit(0); });
        qCInfo(lcHttp).noquote() << QStringLiteral("draining: not accepting, %1 connections open")
                                        .arg(tcp->openConnections());
        tcp->drain();
    });
    // The thread's PostgreSQL connection is opened now, before any client can take the
    // descriptor it needs (ensureOpen logs a failure; requests retry it as before).
    (void)db.ensureOpen();
    m_ready.release();
    m_go.acquire(); // every other server is ready too
    if (!tcp->adopt(m_descriptor)) {
        Q_EMIT failed(QStringLiteral("cannot adopt the listening socket: ") + tcp->failure());
        delete tcp;
        return;
    }
    http.bind(tcp);
    exec();
    inbox->close(); // answers that come later are dropped with their connections
}

} // namespace gw::http
