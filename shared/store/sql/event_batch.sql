-- EventBatch::write: events written together, logs first in the order added, and a webhook job
-- for each log whose merchant has a URL (without one the event is logged and not sent, SPEC.md).
-- Bound: 6 arrays, one element per event: log id, merchant id, event id, event type, payload,
-- job id.
-- Answer: the number of logs written (fewer than the events: an unknown merchant) on every row,
-- and the id of each job made (one row with a null id when none was).
WITH e AS (
  SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
  WITH ORDINALITY AS e (id, merchant_id, event_id, event, payload, job_id, n)),
l AS (
  INSERT INTO webhook_logs (id, merchant_id, event_id, event, payload, next_retry_at)
  SELECT e.id, m.id, e.event_id, e.event, e.payload,
    CASE WHEN m.webhook_url IS NULL THEN NULL ELSE now() END
  FROM e JOIN merchants m ON m.id = e.merchant_id ORDER BY e.n
  RETURNING id, next_retry_at IS NOT NULL AS send),
j AS (
  INSERT INTO jobs (id, kind, subject_id)
  SELECT e.job_id, 'webhook', e.id::text FROM e JOIN l ON l.id = e.id WHERE l.send
  ORDER BY e.n RETURNING id)
SELECT (SELECT count(*) FROM l), j.id FROM (SELECT 1) one LEFT JOIN j ON true
