-- RefundBatch::insert: a batch of refunds in one statement, at most one per payment
-- (shared/store/README.md).
-- Bound: 12 arrays, one element per refund (unnest numbers them n = 1, 2, ...), then the job kind
-- of a refund, the event type refund.created.
-- Answer: one row per refund in n order, (n, the refund's JSON or null when it was not reserved,
-- whether its webhook is sent: its log is due at once, the delivery's durable record). Why one
-- was refused is asked after it (refund_refusals.sql).
WITH i AS (
  SELECT * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::bigint[], ?::text[], ?::text[],
    ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
  WITH ORDINALITY AS u (rid, pay, mer, amount, reason, job, log, evt, jhead, jtail, ehead,
    etail, n)),
-- Each amount reserved on its payment, conditional on what is left; only the refunds reserved
-- for are written.
r AS (
  UPDATE payments p SET refunds_reserved = p.refunds_reserved + i.amount, updated_at = now()
  FROM i
  WHERE p.id = i.pay AND p.merchant_id = i.mer AND p.status = 'success'
    AND p.refunds_reserved + i.amount <= p.amount
  RETURNING i.rid, p.merchant_id),
f AS (
  INSERT INTO refunds (id, payment_id, merchant_id, amount, reason)
  SELECT i.rid, i.pay, r.merchant_id, i.amount, nullif(i.reason, '')
  FROM i JOIN r ON r.rid = i.rid ORDER BY i.n
  RETURNING id, merchant_id, created_at),
-- The refund's JSON: the draft's pieces around its created_at, written as the API writes a time
-- (payment_batch.sql).
d AS (
  SELECT i.n, i.rid, i.job, i.log, i.evt, i.ehead, i.etail, f.merchant_id,
    i.jhead || '"' || to_char(date_trunc('milliseconds',
      (f.created_at AT TIME ZONE 'UTC') + interval '500 microseconds'),
      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' || i.jtail AS json
  FROM i JOIN f ON f.id = i.rid),
j AS (
  INSERT INTO jobs (id, kind, subject_id) SELECT d.job, ?, d.rid FROM d ORDER BY d.n),
-- The refund.created event: payload = head || refund JSON || tail.
l AS (
  INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, next_retry_at)
  SELECT d.log, m.id, d.evt, ?, d.ehead || d.json || d.etail,
    CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END
  FROM d CROSS JOIN LATERAL (SELECT * FROM merchants WHERE id = d.merchant_id OFFSET 0) m
  ORDER BY d.n
  RETURNING id, next_retry_at IS NOT NULL AS send)
SELECT i.n, d.json, l.send
FROM i LEFT JOIN d ON d.rid = i.rid
LEFT JOIN l ON l.id = i.log
ORDER BY i.n
