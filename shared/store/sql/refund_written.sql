-- RefundBatch::written: the refunds of a batch whose outcome was lost, looked up by the ids
-- their drafts chose, each found locked FOR KEY SHARE so that the lookup's commit waits for the
-- synchronous standby (payment_written.sql says why).
-- Bound: 4 arrays, one element per refund: refund id, JSON head and tail, the event's log id.
-- Answer: one row per refund in n order, (n, its JSON or null, whether its webhook is sent: its
-- log was written due, or has been attempted since).
SELECT i.n,
  i.jhead || '"' || to_char(date_trunc('milliseconds',
    (f.created_at AT TIME ZONE 'UTC') + interval '500 microseconds'),
    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"' || i.jtail,
  EXISTS (SELECT 1 FROM webhook_logs WHERE id = i.log
    AND (next_retry_at IS NOT NULL OR status <> 'pending'))
FROM unnest(?::text[], ?::text[], ?::text[], ?::uuid[]) WITH ORDINALITY
  AS i (rid, jhead, jtail, log, n)
LEFT JOIN LATERAL (SELECT * FROM refunds WHERE id = i.rid OFFSET 0 FOR KEY SHARE) f ON true
ORDER BY i.n
