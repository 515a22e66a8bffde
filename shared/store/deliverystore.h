#pragma once
// Webhook delivery logs from the worker's side: claiming logs for an attempt (a short lease, so
// that duplicate queue entries never send one event twice at once) and recording attempts. Both
// work on batches, one statement each.
#include "core/enums.h"
#include "core/job.h"
#include "core/result.h"
#include "store/connection.h"

#include <QDateTime>
#include <QList>
#include <optional>

namespace gw::store {

// One attempt to make: everything needed to send and sign it.
struct Delivery
{
    JobRef job;
    QString merchantId;
    QString eventId;
    QByteArray payload;
    int attempt = 1; // the number this attempt will have
    QString url;     // empty: the merchant has no webhook URL (any more)
    QByteArray secret;
    QByteArray previousSecret; // set during a rotation overlap
};

struct ClaimResult
{
    QList<Delivery> claimed;
    QList<JobRef> finished;                 // log delivered, failed or gone: nothing to do
    QList<QPair<JobRef, QDateTime>> notYet; // not due yet, or another worker holds it
};

struct AttemptOutcome
{
    JobRef job;
    int attempt = 1;
    bool ok = false;
    int responseCode = 0;    // 0: no HTTP response
    QByteArray responseBody; // first 4 KiB
    QString error;
    int durationMs = 0;
    std::optional<int> retryInSeconds; // nullopt: no further attempt
};

struct RecordedAttempt
{
    JobRef job;
    DeliveryStatus status = DeliveryStatus::Pending;
    QDateTime nextRetryAt; // pending only
};

class DeliveryStore
{
public:
    explicit DeliveryStore(Connection &c) : m_c(c) {}
    Result<ClaimResult> claim(const QList<JobRef> &jobs, int leaseSeconds);
    // Records the attempts whose log is still where the claim left it; an outcome that lost a
    // race (the log moved on) records nothing and is absent from the result.
    Result<QList<RecordedAttempt>> record(const QList<AttemptOutcome> &outcomes);

private:
    Connection &m_c;
};

} // namespace gw::store
