-- wrk script: POST /api/v1/payments (UPI) against the bench's pre-made orders, order_<16 digits>.
-- An order takes one live payment (issue 22), so with BENCH_ORDER_STRIDE each create pays an
-- order of its own: wrk thread i takes BENCH_ORDER_FROM + i * stride, then the next, and so on.
-- Without it, one of BENCH_ORDERS orders at random (every create after an order's first is a 400).
-- BENCH_IDEMPOTENCY=1: every create carries an Idempotency-Key of its own, as a careful merchant's.
local orders = tonumber(os.getenv("BENCH_ORDERS") or "1000")
local stride = tonumber(os.getenv("BENCH_ORDER_STRIDE") or "0")
local from = tonumber(os.getenv("BENCH_ORDER_FROM") or "1")
local threads = 0
local sent = 0
local keyed = os.getenv("BENCH_IDEMPOTENCY") == "1"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = "key_test_abc123"
wrk.headers["X-Api-Secret"] = "secret_test_xyz789"

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
  thread:set("index", threads)
  threads = threads + 1
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local order = math.random(1, orders)
  if stride > 0 then
    order = from + index * stride + sent
    sent = sent + 1
  end
  local body = string.format('{"order_id":"order_%016d","method":"upi","vpa":"bench@okbank"}',
                             order)
  if keyed then
    wrk.headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", seed or 0, index or 0, order)
  end
  return wrk.format(nil, nil, nil, body)
end

-- BENCH_RATE (creates per second over BENCH_CONNECTIONS connections) paces each connection: it
-- waits connections/rate seconds before each request, a bounded rate without wrk2 (the rate
-- reached is a little lower: the wait comes on top of each answer's latency).
local rate = tonumber(os.getenv("BENCH_RATE") or "")
if rate then
  local gap = 1000 * tonumber(os.getenv("BENCH_CONNECTIONS") or "1") / rate
  function delay()
    return gap
  end
end
