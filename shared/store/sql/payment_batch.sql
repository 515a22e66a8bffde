-- PaymentBatch::insert: a batch of creates in one statement (shared/store/README.md).
-- Bound: 19 arrays, one element per create (unnest numbers them n = 1, 2, ...), then the job
-- kind of a payment, the events' payload tail, the two event types.
-- Answer: one row per create in n order, (n, its order's status, whether its webhooks are sent,
-- the payment's JSON or null when it was not written). A log sent is due at once: it is its
-- delivery's durable record (no jobs row, migration 072).
-- The lookups are LATERAL ... OFFSET 0 by primary key alone, so that they stay one index probe
-- per row whatever the generic plan guesses about the arrays' length (it had scanned orders,
-- then orders_by_status over every unpaid order of the merchant).
WITH i AS (
  SELECT * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[],
    ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
  WITH ORDINALITY AS u (pay, ord, mer, method, vpa, network, last4, job, log1, log2, evt1, evt2,
    head1, head2, j0, j1, j2, j3, j4, n)),
-- At most one live payment per order (migration 063): a create that meets one, committed or in
-- flight, or an earlier create of its order in this batch, is skipped here and named after the
-- statement; the others are written.
p AS (
  INSERT INTO payments (id, order_id, merchant_id, amount, currency, method, vpa, card_network,
    card_last4)
  SELECT i.pay, o.id, o.merchant_id, o.amount, o.currency, i.method, nullif(i.vpa, ''),
    nullif(i.network, ''), nullif(i.last4, '')
  FROM i CROSS JOIN LATERAL (SELECT * FROM orders WHERE id = i.ord OFFSET 0) o
  WHERE o.merchant_id = i.mer AND o.status = 'created' ORDER BY i.n
  ON CONFLICT (order_id) WHERE status IN ('pending', 'success') AND duplicate_of IS NULL
  DO NOTHING
  RETURNING id, amount, currency, created_at),
j AS (
  INSERT INTO jobs (id, kind, subject_id)
  SELECT i.job, ?, p.id FROM i JOIN p ON p.id = i.pay ORDER BY i.n),
-- The payment's JSON: the draft's five pieces j0 ... j4 around the four values only the database
-- knows (amount, created_at, currency, updated_at; a create writes updated_at = created_at).
-- A time is written as the API writes it: ISO-8601 UTC with milliseconds, rounded half up as
-- QDateTime::fromString rounds PostgreSQL's microseconds.
d AS (
  SELECT p.id, i.j0 || p.amount::text || i.j1 || t.at || i.j2 || '"' || p.currency || '"'
    || i.j3 || t.at || i.j4 AS json
  FROM i JOIN p ON p.id = i.pay
  CROSS JOIN LATERAL (SELECT '"' || to_char(date_trunc('milliseconds',
    (p.created_at AT TIME ZONE 'UTC') + interval '500 microseconds'),
    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' AS at) t),
-- Both events (payment.created, payment.pending): payload = head || payment JSON || tail.
e AS (
  SELECT i.n, x.k, x.log, x.evt, x.event, i.mer, x.head || d.json || ?::text AS payload
  FROM i JOIN d ON d.id = i.pay
  CROSS JOIN LATERAL (VALUES (1, i.log1, i.evt1, ?::text, i.head1),
    (2, i.log2, i.evt2, ?::text, i.head2)) AS x (k, log, evt, event, head)),
-- Due at once for a merchant with a URL (without one the event is logged, not sent).
l AS (
  INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, next_retry_at)
  SELECT e.log, m.id, e.evt, e.event, e.payload,
    CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END
  FROM e CROSS JOIN LATERAL (SELECT * FROM merchants WHERE id = e.mer OFFSET 0) m
  ORDER BY e.n, e.k
  RETURNING id, next_retry_at IS NOT NULL AS send)
SELECT i.n, o.status, l.send, d.json
FROM i LEFT JOIN d ON d.id = i.pay
LEFT JOIN LATERAL (SELECT merchant_id, status FROM orders WHERE id = i.ord OFFSET 0) o
  ON o.merchant_id = i.mer
LEFT JOIN l ON l.id = i.log1
ORDER BY i.n
