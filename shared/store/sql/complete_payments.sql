-- ProcessingStore::completePayments: the outcomes core decided (decidePaymentOutcomes), written.
-- Only a payment still pending changes; a success pays its order.
-- Bound: the outcomes as one JSON array of {pid, outcome, code, description}.
-- Answer: each payment changed, as store/rows.h reads a payment.
WITH p AS (
  UPDATE payments SET status = y.outcome, error_code = y.code,
    error_description = y.description, updated_at = now()
  FROM json_to_recordset(?::json) AS y(pid text, outcome text, code text, description text)
  WHERE payments.id = y.pid AND payments.status = 'pending'
  RETURNING {payment_columns}),
u AS (
  UPDATE orders SET status = 'paid', updated_at = now() FROM p
  WHERE orders.id = p.order_id AND p.status = 'success' AND orders.status <> 'paid')
SELECT * FROM p
