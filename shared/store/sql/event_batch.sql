-- EventBatch::write: events written together, logs in the order added. A log whose merchant
-- has a URL is due now: the log is its delivery's durable record, the sweeps read it through
-- webhook_logs_due (migration 072). Without a URL the event is logged and not sent (SPEC.md).
-- Bound: 5 arrays, one element per event: log id, merchant id, event id, event type, payload.
-- Answer: the number of logs written (fewer than the events: an unknown merchant) on every row,
-- and the id of each log to send (one row with a null id when none is).
WITH e AS (
  SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])
  WITH ORDINALITY AS e (id, merchant_id, event_id, event, payload, n)),
l AS (
  INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, next_retry_at)
  SELECT e.id, m.id, e.event_id, e.event, e.payload,
    CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END
  FROM e JOIN merchants m ON m.id = e.merchant_id ORDER BY e.n
  RETURNING id, next_retry_at IS NOT NULL AS send)
SELECT (SELECT count(*) FROM l), l.id::text FROM (SELECT 1) one LEFT JOIN l ON l.send
