-- ProcessingStore::lockPendingPayments: the pending payments of a worker's batch with what the
-- outcome rule (core/paymentoutcome.h) decides on. Their orders are locked by key and in id
-- order (FOR NO KEY UPDATE, as paying them takes anyway) until the commit, so an order's status
-- read here is the one the outcome meets.
-- Bound: the payment ids.
-- Answer: per pending payment, (id, order id, its order is paid, livemode, method, vpa,
-- card network, card last4).
WITH x AS (
  SELECT id, order_id, merchant_id, method, vpa, card_network, card_last4 FROM payments
  WHERE id = ANY((SELECT ?::text[])::text[]) AND status = 'pending'),
o AS (
  SELECT o.id, o.status
  FROM (SELECT DISTINCT order_id FROM x ORDER BY order_id) k
  CROSS JOIN LATERAL (SELECT id, status FROM orders WHERE id = k.order_id FOR NO KEY UPDATE) o)
SELECT x.id, x.order_id, o.status = 'paid', m.livemode, x.method, x.vpa, x.card_network,
  x.card_last4
FROM x JOIN o ON o.id = x.order_id JOIN merchants m ON m.id = x.merchant_id
