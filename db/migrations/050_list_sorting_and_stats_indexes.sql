-- Sorted lists and statistics at millions of rows.
--
-- Lists sort by created_at, amount or status (ties by created_at, then id, in the same direction),
-- so each sort key has an index (merchant_id, key, created_at, id) that serves both directions.
-- The time-ordered indexes are rebuilt as covering ones: the same key (merchant_id, created_at,
-- id) as before, so the default newest-first list still walks them, plus the columns that
-- GET /api/v1/stats aggregates, so a day of statistics is an index-only scan of that day.
DROP INDEX payments_by_merchant;
CREATE INDEX payments_by_merchant ON payments (merchant_id, created_at, id) INCLUDE (status, method, amount);
CREATE INDEX payments_by_amount ON payments (merchant_id, amount, created_at, id);
DROP INDEX payments_by_status;
CREATE INDEX payments_by_status ON payments (merchant_id, status, created_at, id);

DROP INDEX refunds_by_merchant;
CREATE INDEX refunds_by_merchant ON refunds (merchant_id, created_at, id) INCLUDE (status, amount);
CREATE INDEX refunds_by_amount ON refunds (merchant_id, amount, created_at, id);
CREATE INDEX refunds_by_status ON refunds (merchant_id, status, created_at, id);

CREATE INDEX orders_by_amount ON orders (merchant_id, amount, created_at, id);
CREATE INDEX orders_by_status ON orders (merchant_id, status, created_at, id);

DROP INDEX webhook_logs_by_merchant;
CREATE INDEX webhook_logs_by_merchant ON webhook_logs (merchant_id, created_at, id) INCLUDE (status);
DROP INDEX webhook_logs_by_status;
CREATE INDEX webhook_logs_by_status ON webhook_logs (merchant_id, status, created_at, id);

-- /metrics counts deliveries still to send and those that gave up, over every merchant.
CREATE INDEX webhook_logs_failed ON webhook_logs (created_at) WHERE status = 'failed';
