#pragma once
// For suites that write orders, payments and refunds straight in SQL (lists, sorting, stats, the
// worker's reads): the rows such a fixture leaves out and the API and worker write with them, so
// that the money's invariants (store::MoneyChecks, checked when the suite's stack stops) hold from
// the fixture on. Each order is paid exactly when it has a successful payment; each payment's
// amount_refunded and refunds_reserved are its processed and all its refunds; each final payment
// and processed refund has its outcome event (delivered); each pending payment and refund has its
// queued job, due tomorrow, so that a worker of the suite leaves it pending as the fixture meant.
// Call it right after the fixture's statements, before the API or a worker acts on the rows:
// later it would cover up what they broke. Header-only.
#include "support/teststack.h"

namespace gw::test {

// Empty, or the first statement's failure.
inline QString completeSqlFixture(TestStack &stack)
{
    const QStringList statements{
        QStringLiteral(
            "UPDATE orders o SET status = CASE WHEN EXISTS (SELECT 1 FROM payments p WHERE"
            " p.order_id = o.id AND p.status = 'success') THEN 'paid' ELSE 'created' END"),
        QStringLiteral(
            "UPDATE payments p SET amount_refunded = r.processed, refunds_reserved = r.total FROM"
            " (SELECT payment_id, coalesce(sum(amount) FILTER (WHERE status = 'processed'), 0)"
            " AS processed, sum(amount) AS total FROM refunds GROUP BY payment_id) r"
            " WHERE r.payment_id = p.id"),
        QStringLiteral(
            "INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, status,"
            " created_at) SELECT gen_random_uuid(), s.merchant_id, 'evt_' ||"
            " substr(md5(s.id || s.event), 1, 16), s.event, json_build_object('event', s.event,"
            " 'data', json_build_object(s.kind, json_build_object('id', s.id)))::text, 'success',"
            " s.created_at FROM (SELECT id, merchant_id, 'payment' AS kind, 'payment.' || status"
            " AS event, created_at FROM payments WHERE status <> 'pending' UNION ALL SELECT id,"
            " merchant_id, 'refund', 'refund.processed', created_at FROM refunds"
            " WHERE status = 'processed') s LEFT JOIN (SELECT event, payload::jsonb #>> ARRAY["
            "'data', split_part(event, '.', 1), 'id'] AS id FROM webhook_logs) w"
            " ON w.event = s.event AND w.id = s.id WHERE w.id IS NULL"),
        QStringLiteral(
            "INSERT INTO jobs (id, kind, subject_id, run_at) SELECT 'job_' || substr(md5(s.id),"
            " 1, 16), s.kind, s.id, now() + interval '1 day' FROM (SELECT id, 'payment' AS kind"
            " FROM payments WHERE status = 'pending' UNION ALL SELECT id, 'refund' FROM refunds"
            " WHERE status = 'pending') s WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE"
            " j.subject_id = s.id AND j.kind = s.kind AND j.state = 'queued')"),
    };
    for (const QString &s : statements)
        if (const QStringList r = stack.sql(s); !r.isEmpty())
            return r.first();
    return {};
}

} // namespace gw::test
