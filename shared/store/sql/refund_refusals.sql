-- RefundBatch::insert, after its statement: why each refund not written was refused, read after
-- the statement so that it sees a refund that committed while this one waited for the payment.
-- Bound: payment ids and merchant ids, one element per refused refund.
-- Answer: one row per refund in n order, (n, its payment's status or null when there is no such
-- payment of the merchant, the amount left to refund).
SELECT u.n, p.status, p.amount - p.refunds_reserved
FROM unnest(?::text[], ?::uuid[]) WITH ORDINALITY AS u (pay, mer, n)
LEFT JOIN payments p ON p.id = u.pay AND p.merchant_id = u.mer
ORDER BY u.n
