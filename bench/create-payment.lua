-- wrk script: POST /api/v1/payments (UPI) against one of the bench's pre-made orders, chosen at
-- random. The order count comes from the environment (BENCH_ORDERS), the ids are order_<16 digits>.
local orders = tonumber(os.getenv("BENCH_ORDERS") or "1000")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = "key_test_abc123"
wrk.headers["X-Api-Secret"] = "secret_test_xyz789"

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  local body = string.format('{"order_id":"order_%016d","method":"upi","vpa":"bench@okbank"}',
                             math.random(1, orders))
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
