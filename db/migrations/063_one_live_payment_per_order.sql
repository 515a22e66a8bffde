-- An order has at most one live payment (pending or success), enforced by a partial unique index
-- that every create path meets (ON CONFLICT … DO NOTHING against it, then the refusal is named).
--
-- Data written before it may break the rule. For each such order the payment that stays live is
-- its first success, or else its first pending payment (created_at, id). The other pending ones
-- are failed with ORDER_ALREADY_PAID; their payment.failed events are written by the migrations
-- runner in this same transaction, from the ids left in pg_temp.payments_failed_by_migration, by
-- the worker's own code (store::ProcessingStore::writeFailedEvents). The other successes are
-- money taken twice: they are left as they are, marked with the payment that paid the order
-- (duplicate_of, outside the index), listed by the runner and by `gateway-admin payments
-- duplicates` for an operator to refund.
--
-- Locks: the runner runs this file in one transaction, so the index is a plain build, not
-- CONCURRENTLY (which cannot run in a transaction, and would let an older API process write a
-- new duplicate between the fix and the build, leaving an invalid index). The SHARE ROW
-- EXCLUSIVE lock taken first blocks writes to payments (not reads) until COMMIT: the search for
-- duplicates, their fix and the index build. Measured on 1,000,000 payments of 900,000 orders
-- (510 orders with two live payments: 270 extra pending failed, 240 extra successes marked), on a
-- shared 2-core machine at load average 14, PostgreSQL 15 with fsync off: gateway-admin's whole
-- run (migration and events) took 6.8 s, and an UPDATE of a payment sent meanwhile waited 6.4 s
-- (the search alone 2.3 s, the index build alone 1.4 s). Creates, refunds and the worker's
-- outcomes wait that long; reads do not.
LOCK TABLE payments IN SHARE ROW EXCLUSIVE MODE;

-- The payment that paid the order first; set only on a success that paid it again.
ALTER TABLE payments ADD COLUMN duplicate_of text;

CREATE TEMP TABLE payments_failed_by_migration (id text PRIMARY KEY) ON COMMIT DROP;

WITH live AS (
    SELECT id, order_id, status,
           first_value(id) OVER w AS kept,
           row_number() OVER w AS n
    FROM payments
    WHERE status IN ('pending', 'success')
      AND order_id IN (SELECT order_id FROM payments WHERE status IN ('pending', 'success')
                       GROUP BY order_id HAVING count(*) > 1)
    WINDOW w AS (PARTITION BY order_id ORDER BY status = 'success' DESC, created_at, id)
),
failed AS (
    UPDATE payments SET status = 'failed', error_code = 'ORDER_ALREADY_PAID',
           error_description = 'The order was already paid or has another payment in progress',
           updated_at = now()
    FROM live WHERE payments.id = live.id AND live.n > 1 AND live.status = 'pending'
    RETURNING payments.id
),
twice AS (
    UPDATE payments SET duplicate_of = live.kept
    FROM live WHERE payments.id = live.id AND live.n > 1 AND live.status = 'success'
)
INSERT INTO payments_failed_by_migration (id) SELECT id FROM failed;

CREATE UNIQUE INDEX payments_one_live_per_order ON payments (order_id)
    WHERE status IN ('pending', 'success') AND duplicate_of IS NULL;
