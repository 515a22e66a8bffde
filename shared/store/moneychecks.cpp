#include "store/moneychecks.h"

#include "store/sql.h"

#include <array>

namespace gw::store {

namespace {
struct Check
{
    const char *name;
    const char *sql; // rows of (subject, detail)
};

// The outcome events of payments and refunds, by the id of the object they carry.
constexpr std::array<Check, 7> kChecks{{
    {"one-success-per-order",
     "SELECT order_id, string_agg(id, ' ' ORDER BY created_at, id) FROM payments"
     " WHERE status = 'success' AND (duplicate_of IS NULL OR amount_refunded < amount)"
     " GROUP BY order_id HAVING count(*) > 1"},
    {"order-paid-iff-success",
     "SELECT o.id, 'order ' || o.status || ', ' || count(p.id) || ' successful payments'"
     " FROM orders o LEFT JOIN payments p ON p.order_id = o.id AND p.status = 'success'"
     " GROUP BY o.id, o.status HAVING (o.status = 'paid') <> (count(p.id) > 0)"},
    {"refunds-within-amount",
     "SELECT p.id, 'refunds ' || r.total || ' > amount ' || p.amount FROM payments p"
     " JOIN (SELECT payment_id, sum(amount) AS total FROM refunds GROUP BY payment_id) r"
     " ON r.payment_id = p.id WHERE r.total > p.amount"},
    {"amount-refunded-is-processed-refunds",
     "SELECT p.id, 'amount_refunded ' || p.amount_refunded || ', processed refunds ' ||"
     " coalesce(r.total, 0) FROM payments p LEFT JOIN (SELECT payment_id, sum(amount) AS total"
     " FROM refunds WHERE status = 'processed' GROUP BY payment_id) r ON r.payment_id = p.id"
     " WHERE p.amount_refunded <> coalesce(r.total, 0)"},
    {"final-payment-one-outcome-event",
     "SELECT p.id, p.status || ': ' || count(e.event) FILTER (WHERE e.event = 'payment.success')"
     " || ' payment.success, ' || count(e.event) FILTER (WHERE e.event = 'payment.failed') ||"
     " ' payment.failed' FROM payments p LEFT JOIN (SELECT payload::jsonb #>>"
     " '{data,payment,id}' AS id, event FROM webhook_logs WHERE event IN ('payment.success',"
     " 'payment.failed')) e ON e.id = p.id GROUP BY p.id, p.status"
     " HAVING count(e.event) <> (CASE WHEN p.status = 'pending' THEN 0 ELSE 1 END)"
     " OR count(e.event) FILTER (WHERE e.event = 'payment.' || p.status) <> count(e.event)"},
    {"processed-refund-one-event",
     "SELECT r.id, r.status || ': ' || count(e.id) || ' refund.processed' FROM refunds r"
     " LEFT JOIN (SELECT payload::jsonb #>> '{data,refund,id}' AS id FROM webhook_logs"
     " WHERE event = 'refund.processed') e ON e.id = r.id GROUP BY r.id, r.status"
     " HAVING count(e.id) <> (CASE WHEN r.status = 'processed' THEN 1 ELSE 0 END)"},
    {"no-job-lost",
     "SELECT s.id, s.kind || ' ' || s.id || ' is pending without a queued job' FROM"
     " (SELECT id, 'payment' AS kind FROM payments WHERE status = 'pending' UNION ALL"
     " SELECT id, 'refund' FROM refunds WHERE status = 'pending') s WHERE NOT EXISTS"
     " (SELECT 1 FROM jobs j WHERE j.subject_id = s.id AND j.kind = s.kind"
     " AND j.state = 'queued')"},
}};
} // namespace

QStringList MoneyChecks::invariants()
{
    QStringList names;
    for (const Check &c : kChecks)
        names << QString::fromLatin1(c.name);
    return names;
}

Result<QList<Violation>> MoneyChecks::run()
{
    QList<Violation> found;
    for (const Check &c : kChecks) {
        auto q = exec(m_c, QString::fromLatin1(c.sql) + QStringLiteral(" LIMIT 100"));
        if (!q)
            return q.error();
        while (q->next())
            found.append(
                {QString::fromLatin1(c.name), q->value(0).toString(), q->value(1).toString()});
    }
    return found;
}

} // namespace gw::store
