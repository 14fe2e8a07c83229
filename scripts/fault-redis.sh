#!/usr/bin/env bash
# Stops Redis and checks that product reads keep answering from PostgreSQL at normal latency, that writes
# still succeed and /health shows Redis disconnected; starts Redis again and checks that the cache
# resumes. Needs the services running (scripts/e2e.sh runs it); Redis is started again whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

trap 'bash scripts/infra.sh >/dev/null' EXIT
name="redis_down_$(date +%s)_$RANDOM"
curl -s -o /dev/null -X POST http://localhost:8001/register -H "Content-Type: application/json" \
  -d "{\"username\": \"$name\", \"password\": \"Test@123\"}"
TOKEN=$(curl -s -X POST http://localhost:8001/login -d "username=$name&password=Test@123" | jq -r .access_token)
PRODUCT_ID=$(curl -s -X POST http://localhost:8002/products -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" -d '{"name": "Redis Down Product", "price": 7.25, "quantity": 10}' | jq -r .id)
failures=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected '$2', got '$3'"; failures=$((failures + 1)); fi; }

redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
sleep 1
check "Redis is down" "" "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null || true)"
slowest=0 ok=0
for _ in $(seq 1 20); do
  read -r code seconds < <(curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}\n' "http://localhost:8002/products/$PRODUCT_ID")
  [ "$code" = 200 ] && ok=$((ok + 1))
  slowest=$(awk -v a="$slowest" -v b="$seconds" 'BEGIN { print (b > a ? b : a) }')
done
echo "20 reads with Redis down: $ok answered 200, slowest ${slowest}s"
check "reads answer from PostgreSQL" 20 "$ok"
check "no read slower than 1 s" 1 "$(awk -v s="$slowest" 'BEGIN { print (s < 1 ? 1 : 0) }')"
check "writes still succeed" 200 "$(curl -s -o /dev/null -w '%{http_code}' -X PUT "http://localhost:8002/products/$PRODUCT_ID" \
  -H "Content-Type: application/json" -H "Authorization: Bearer $TOKEN" -d '{"price": 6.75}')"
check "/health shows Redis disconnected" disconnected "$(curl -s http://localhost:8002/health | jq -r .redis)"

bash scripts/infra.sh >/dev/null
for _ in $(seq 1 30); do
  [ "$(curl -s http://localhost:8002/health | jq -r .redis)" = connected ] && break
  sleep 1
done
check "/health shows Redis connected again" connected "$(curl -s http://localhost:8002/health | jq -r .redis)"
for _ in $(seq 1 20); do  # the cache resumes within a few seconds (circuit breaker, resync)
  curl -s -o /dev/null "http://localhost:8002/products/$PRODUCT_ID"
  [ "$(redis-cli -h 127.0.0.1 exists "product:$PRODUCT_ID")" = 1 ] && break
  sleep 0.5
done
check "the cache holds the product again" 1 "$(redis-cli -h 127.0.0.1 exists "product:$PRODUCT_ID")"
check "with the price written while Redis was down" 6.75 "$(redis-cli -h 127.0.0.1 get "product:$PRODUCT_ID" | jq -r .price)"
if [ "$failures" != 0 ]; then echo "FAIL: $failures checks failed"; exit 1; fi
