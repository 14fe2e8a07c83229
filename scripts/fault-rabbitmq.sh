#!/usr/bin/env bash
# Stops RabbitMQ while orders are being placed and checks that no notification is lost or doubled:
# every order placed before, during and after the outage gets exactly one notification once the broker
# is back. Needs the four services running (scripts/e2e.sh runs it). RabbitMQ is started again whatever
# happens. Loopback only, bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE=${BEFORE:-10} DURING=${DURING:-10} AFTER=${AFTER:-5}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
restart_rabbit() {
  as_root rabbitmqctl -q start_app >/dev/null 2>&1 || true
  as_root rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1 || true
}
trap restart_rabbit EXIT

name="fault_$(date +%s)_$RANDOM"
curl -s -o /dev/null -X POST http://localhost:8001/register -H "Content-Type: application/json" \
  -d "{\"username\": \"$name\", \"password\": \"Test@123\"}"
TOKEN=$(curl -s -X POST http://localhost:8001/login -d "username=$name&password=Test@123" | jq -r .access_token)
PRODUCT_ID=$(curl -s -X POST http://localhost:8002/products -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" -d '{"name": "Fault Test Product", "price": 9.99, "quantity": 100000}' | jq -r .id)

orders=() refused=0
place() {
  local answer
  answer=$(curl -s -m 10 -w '\n%{http_code}' -X POST http://localhost:8003/orders -H "Content-Type: application/json" \
    -H "Authorization: Bearer $TOKEN" -d "{\"product_id\": $PRODUCT_ID, \"quantity\": 1}")
  if [ "$(tail -n 1 <<<"$answer")" = 201 ]; then orders+=("$(head -n 1 <<<"$answer" | jq -r .id)");
  else refused=$((refused + 1)); fi
}

for _ in $(seq 1 "$BEFORE"); do place; done
echo "placed ${#orders[@]} orders; stopping RabbitMQ"
as_root rabbitmqctl -q stop_app
for _ in $(seq 1 "$DURING"); do place; done
echo "placed ${#orders[@]} orders in all while RabbitMQ was down; starting it again"
sleep 3
restart_rabbit
for _ in $(seq 1 "$AFTER"); do place; done
echo "placed ${#orders[@]} orders in all; $refused refused"

expected=$(printf '%s\n' "${orders[@]}" | sort -n | tr '\n' ' ')
found="" deadline=$((SECONDS + 120))
while [ $SECONDS -lt $deadline ]; do
  found=$(curl -s "http://localhost:8004/notifications?limit=100" -H "Authorization: Bearer $TOKEN" \
    | jq -r '.[].order_id' | sort -n | tr '\n' ' ')
  [ "$found" = "$expected" ] && break
  sleep 1
done
distinct=$(tr ' ' '\n' <<<"$found" | sed '/^$/d' | sort -u | wc -l)
total=$(tr ' ' '\n' <<<"$found" | sed '/^$/d' | wc -l)
echo "orders accepted: ${#orders[@]} (during the outage: $DURING asked), notifications: $total, distinct: $distinct"
if [ "$refused" != 0 ] || [ "$found" != "$expected" ]; then
  echo "FAIL: expected exactly one notification for each of: $expected"
  echo "      found: $found"
  exit 1
fi
echo "ok   every accepted order has exactly one notification"
