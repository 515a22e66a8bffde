-- wrk script: POST to a path made from one id of a file (BENCH_IDS, one id a line) with a fixed
-- JSON body (BENCH_BODY). BENCH_PATH holds the path with %s for the id. BENCH_PICK=next walks
-- the ids in turn (each thread its own stride, so that every id is used once before any twice:
-- one capture per payment); BENCH_PICK=random picks one at random (refunds against many payments).
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
local path = os.getenv("BENCH_PATH")
local body = os.getenv("BENCH_BODY") or "{}"
local pick = os.getenv("BENCH_PICK") or "next"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = "key_test_abc123"
wrk.headers["X-Api-Secret"] = "secret_test_xyz789"

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("first", counter)
end

function init(args)
  i = first or 1
  step = 2 -- wrk -t2
  math.randomseed((first or 1) * 7919 + os.time())
end

request = function()
  local id
  if pick == "random" then
    id = ids[math.random(1, #ids)]
  else
    id = ids[((i - 1) % #ids) + 1]
    i = i + step
  end
  return wrk.format(nil, string.format(path, id), nil, body)
end
