-- A worker that starts a delivery attempt holds the log until lease_until, so that a duplicate
-- queue entry for the same log (at-least-once delivery) does not send the webhook twice at once.
-- A worker that dies mid-attempt loses the lease when it expires.
ALTER TABLE webhook_logs ADD COLUMN lease_until timestamptz;
