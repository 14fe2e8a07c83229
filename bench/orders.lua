-- wrk script: POST /orders, each connection's thread with its own customer token and product
-- (tokens and products are read from bench files the suite writes). Counts answers by status.
local tokens, products = {}, {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
for line in io.lines(os.getenv("BENCH_PRODUCTS")) do products[#products + 1] = line end
local threads, counter = {}, 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  created, other = 0, 0
  token = tokens[(id - 1) % #tokens + 1]
  product = products[(id - 1) % #products + 1]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.body = '{"product_id": ' .. product .. ', "quantity": 1}'
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    o = o + thread:get("other")
  end
  io.write(string.format("RESULT created=%d other=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f seconds=%.2f\n", c, o,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.duration / 1e6))
end
