-- A webhook delivery's durable record is its delivery log alone (issue 27).
--
-- Every delivery had a jobs row besides its log: inserted with the event, rewritten by each
-- attempt's record and marked done, with entries in jobs_unfinished and jobs_by_subject. It said
-- nothing the log does not: a log still to send is pending with a due time (next_retry_at), which
-- webhook_logs_due indexes. The writers now insert the log alone (due at once when the merchant
-- has a URL), the Redis entry names the log, and the worker's sweeps read due logs through
-- webhook_logs_due beside the queued jobs through jobs_unfinished.
--
-- The webhook jobs queued at upgrade are folded into their logs: a pending log gets its job's
-- time if it has none (it always has one today; this keeps it due whatever wrote it), then the
-- jobs are done. A log that is no longer pending had nothing left to send. Entries already in
-- Redis still name their job and log; the worker claims by the log, as before. A job's subject
-- is the log's id as text, in the case it was written (a manual retry's, as the URL gave it).
UPDATE webhook_logs l SET next_retry_at = j.run_at
FROM jobs j
WHERE j.kind = 'webhook' AND j.state = 'queued' AND l.id::text = lower(j.subject_id)
  AND l.status = 'pending' AND l.next_retry_at IS NULL;

UPDATE jobs SET state = 'done', finished_at = now()
WHERE kind = 'webhook' AND state = 'queued';
