-- PaymentBatch::written: the creates of a batch whose outcome was lost, looked up by the ids
-- their drafts chose (shared/store/README.md).
-- Bound: 9 arrays, one element per create: payment id, order id, merchant id, the JSON pieces
-- j0 ... j4, the first event's log id.
-- Answer: one row per create in n order, (n, the payment's JSON as the create answered it or
-- null, whether its webhooks are sent: its log was written due, or has been attempted since,
-- its order's status as the batch statement reads it).
-- A create writes updated_at = created_at and the worker may have moved the payment on since,
-- so both times are its created_at. Each payment found is locked FOR KEY SHARE (the worker's
-- updates do not conflict with it): the lock is written to the WAL, so the lookup's own commit
-- waits for the synchronous standby, which then holds the payment too (its commit is earlier in
-- the WAL). A lookup on a primary whose commit only stands locally cannot return.
SELECT i.n, i.j0 || p.amount::text || i.j1 || t.at || i.j2 || '"' || p.currency || '"' || i.j3
    || t.at || i.j4,
  EXISTS (SELECT 1 FROM webhook_logs WHERE id = i.log1
    AND (next_retry_at IS NOT NULL OR status <> 'pending')), o.status
FROM unnest(?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
  ?::text[], ?::uuid[]) WITH ORDINALITY AS i (pay, ord, mer, j0, j1, j2, j3, j4, log1, n)
LEFT JOIN LATERAL (SELECT * FROM payments WHERE id = i.pay OFFSET 0 FOR KEY SHARE) p ON true
-- The time as the API writes it (payment_batch.sql).
LEFT JOIN LATERAL (SELECT '"' || to_char(date_trunc('milliseconds',
  (p.created_at AT TIME ZONE 'UTC') + interval '500 microseconds'),
  'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' AS at) t ON true
LEFT JOIN LATERAL (SELECT merchant_id, status FROM orders WHERE id = i.ord OFFSET 0) o
  ON o.merchant_id = i.mer
ORDER BY i.n
