// GET /test/jobs/status (no auth) and GET /test/merchant (no auth, test mode only).
#include "queue/jobqueue.h"
#include "queue/workerregistry.h"
#include "server/routes/apiroutes.h"
#include "store/merchantstore.h"

namespace gw::http {

namespace {
using Method = QHttpServerRequest::Method;

const QString kTestMerchantId = QStringLiteral("550e8400-e29b-41d4-a716-446655440000");

Result<Reply> jobsStatus(const Call &call)
{
    auto counts = queue::JobQueue(call.ctx.redis).counts();
    if (!counts)
        return ApiError::unavailable(QStringLiteral("The job queue is unreachable"));
    auto live = queue::WorkerRegistry(call.ctx.redis).liveWorkers();
    const bool running = live && live.value() > 0;
    return reply(200, {{QStringLiteral("pending"), counts->pending},
                       {QStringLiteral("processing"), counts->processing},
                       {QStringLiteral("completed"), counts->completed},
                       {QStringLiteral("failed"), counts->failed},
                       {QStringLiteral("worker_status"),
                        running ? QStringLiteral("running") : QStringLiteral("stopped")}});
}

Result<Reply> testMerchant(const Call &call)
{
    if (!call.ctx.config.testMode)
        return ApiError::noSuchRoute();
    auto m = store::MerchantStore(call.ctx.db).findById(kTestMerchantId);
    if (!m)
        return m.error();
    if (!m.value())
        return ApiError::notFound(QStringLiteral("The test merchant is not seeded"));
    return reply(200, {{QStringLiteral("id"), m.value()->id},
                       {QStringLiteral("email"), m.value()->email},
                       {QStringLiteral("api_key"), m.value()->apiKey},
                       {QStringLiteral("seeded"), true}});
}
} // namespace

void addTestRoutes(RouteTable &t)
{
    t.add({Method::Get,
           QStringLiteral("/api/v1/test/jobs/status"),
           QStringLiteral("Job queue counts and whether a worker is running (no auth)"),
           Access::None,
           Mode::Read,
           jobsStatus,
           {}});
    t.add({Method::Get,
           QStringLiteral("/api/v1/test/merchant"),
           QStringLiteral("Test mode only: the seeded test merchant's id, email and key (no auth)"),
           Access::None,
           Mode::Read,
           testMerchant,
           {}});
}

} // namespace gw::http
