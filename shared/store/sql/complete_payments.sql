-- ProcessingStore::completePayments: the outcomes core decided (decidePaymentOutcomes), written,
-- and the batch's jobs marked done, in one statement. Only a payment still pending changes; a
-- success pays its order; a job already done stays as it is.
-- Bound: the outcomes as one JSON object, {payment id: {outcome, code, description}} (empty when
-- no payment is pending), the ids of those payments, the batch's job ids.
-- Answer: each payment changed, as store/rows.h reads a payment.
-- The ids, bound through a subquery (store/README.md, "Rows looked up by bound ids"), find the
-- payments by key and each takes its outcome from the object by key: there is no join for the
-- planner to get wrong. Joined on json_to_recordset (100 rows to the
-- planner) the outcomes met payments in a nested loop: every pending payment read against every
-- outcome (200 × 500 comparisons for a batch of 200 while the table was small, with the
-- statistics of an empty table as bench/end-to-end has them).
WITH y AS (SELECT ?::jsonb AS o),
p AS (
  UPDATE payments SET status = y.o -> payments.id ->> 'outcome',
    error_code = y.o -> payments.id ->> 'code',
    error_description = y.o -> payments.id ->> 'description', updated_at = now()
  FROM y WHERE payments.id = ANY((SELECT ?::text[])::text[]) AND payments.status = 'pending'
  RETURNING {payment_columns}),
u AS (
  UPDATE orders SET status = 'paid', updated_at = now() FROM p
  WHERE orders.id = p.order_id AND p.status = 'success' AND orders.status <> 'paid'),
j AS ({jobs_done})
SELECT * FROM p
