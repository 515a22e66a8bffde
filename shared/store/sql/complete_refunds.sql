-- ProcessingStore::completeRefunds: a worker's batch of refunds processed. Refunds processed
-- before are left as they are; two refunds of one payment in a batch add up.
-- Bound: the refund ids.
-- Answer: each refund processed, as store/rows.h reads a refund.
WITH r AS (
  UPDATE refunds SET status = 'processed', processed_at = now()
  WHERE id = ANY((SELECT ?::text[])::text[]) AND status = 'pending'
  RETURNING {refund_columns}),
p AS (
  UPDATE payments SET amount_refunded = amount_refunded + s.total, updated_at = now()
  FROM (SELECT payment_id, sum(amount) AS total FROM r GROUP BY payment_id) s
  WHERE payments.id = s.payment_id)
SELECT * FROM r
