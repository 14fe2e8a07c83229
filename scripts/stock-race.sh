#!/usr/bin/env bash
# Stock reservation under a race, against the running services (scripts/e2e.sh runs it):
#   1. ORDERS orders of 1 unit from CLIENTS clients at once on a product with STOCK in stock: every order
#      is taken (201, or 409 naming the order when its reservation was refused while the POST waited),
#      exactly STOCK become confirmed and the rest rejected ("insufficient stock"), none stays pending, no
#      answer contradicts the order's final status (a 409 for a confirmed order, a 201 confirmed for a
#      rejected one), and the product's quantity as clients see it is 0; cancelling CANCEL of the confirmed
#      orders gives their stock back (quantity CANCEL).
#   2. The same while catalog is killed with SIGKILL (the pid services.sh started) a moment into the burst
#      and started again: nothing lost, nothing taken twice. Ordering prices from its product replica, so
#      orders are mostly taken meanwhile; clients retry a 503 (a product the replica does not know yet and
#      catalog unreachable, no order stored), as the API tells them to.
# Also checks catalog's event store: no order reserved or released twice, and what is still reserved is
# exactly what the confirmed, not cancelled, orders hold. (An order whose answer comes after the deadline,
# STOCK_RESERVATION_TIMEOUT, e.g. while catalog restarts, is rejected and its reservation released: the
# counts above still hold, the later orders take the stock.)
# Prints its counts; exits non-zero on any mismatch. Every loop is bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-5} ORDERS=${ORDERS:-100} STOCK=${STOCK:-10} CANCEL=${CANCEL:-3} KILL_AFTER=${KILL_AFTER:-1}
SETTLE_TIMEOUT=${SETTLE_TIMEOUT:-120}
USER_URL=http://127.0.0.1:8001 CATALOG_URL=http://127.0.0.1:8002 ORDERING_URL=http://127.0.0.1:8003
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }

name="race_$(date +%s)_$RANDOM"
curl -s -o /dev/null -X POST "$USER_URL/register" -H "Content-Type: application/json" \
  -d "{\"username\": \"$name\", \"password\": \"Test@123\"}"
TOKEN=$(curl -s -X POST "$USER_URL/login" -d "username=$name&password=Test@123" | jq -r .access_token)
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || { echo "FAIL could not log in as $name" >&2; exit 1; }
auth=(-H "Authorization: Bearer $TOKEN")

quantity() { curl -s -m 5 "$CATALOG_URL/products/$1" | jq -r '.quantity // empty' 2>/dev/null || true; }
statuses() { # "<status> <count>" per status of the product's orders, from ordering_db's read model
  psql -qtA -F ' ' -h 127.0.0.1 -U postgres ordering_db \
    -c "SELECT status, count(*) FROM orders WHERE product_id = $1 GROUP BY status ORDER BY status"
}
count_of() { awk -v s="$2" '$1 == s {print $2}' <<<"$1" | grep . || echo 0; }
stock_events() { # how many <type> events catalog stored for the product, and for how many distinct orders
  psql -qtA -F ' ' -h 127.0.0.1 -U postgres catalog_db -c "SELECT count(*),
      count(DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'orderId') FROM domainevententry
    WHERE aggregateidentifier = '$1' AND payloadtype = 'dev.eventcommerce.catalog.api.$2'"
}

client() { # places its share of orders, retrying 503 (nothing stored) within bounds: "<code> <id> <status>" per order
  local share=$2 attempts
  for _ in $(seq 1 "$share"); do
    attempts=0
    while :; do
      attempts=$((attempts + 1))
      answer=$(curl -s -m 10 -w '\n%{http_code}' -X POST "$ORDERING_URL/orders" -H "Content-Type: application/json" \
        "${auth[@]}" -d "{\"product_id\": $PRODUCT_ID, \"quantity\": 1}" || true)
      code=$(tail -n 1 <<<"$answer")
      if [ "$code" = 201 ]; then echo "201 $(head -n 1 <<<"$answer" | jq -r '"\(.id) \(.status)"')"; break; fi
      if [ "$code" = 409 ]; then echo "409 $(head -n 1 <<<"$answer" | jq -r '"\(.order_id) \(.status)"')"; break; fi
      echo "retry $code" >>"$work/retries-$1"
      if [ "$attempts" -ge 240 ]; then echo "${code:-000} -"; break; fi
      sleep 0.25
    done
  done >"$work/client-$1"
}

round() { # round <label> <kill: yes|no>
  local label=$1 kill=$2
  rm -f "$work"/client-* "$work"/retries-*
  PRODUCT_ID=$(curl -s -X POST "$CATALOG_URL/products" -H "Content-Type: application/json" "${auth[@]}" \
    -d "{\"name\": \"Race $label\", \"price\": 2.50, \"quantity\": $STOCK}" | jq -r .id)
  [ -n "$PRODUCT_ID" ] && [ "$PRODUCT_ID" != null ] || { fail "$label: could not create the product"; return; }
  local share=$((ORDERS / CLIENTS)) extra=$((ORDERS % CLIENTS))
  for c in $(seq 1 "$CLIENTS"); do client "$c" $((share + (c <= extra ? 1 : 0))) & done
  if [ "$kill" = yes ]; then
    sleep "$KILL_AFTER"
    local pid; pid=$(cat ".run/${CATALOG_UNIT:-catalog}.pid")
    echo "$label: kill -9 catalog (pid $pid) $KILL_AFTER s into the burst"
    kill -9 "$pid"
    sleep 1
    bash scripts/services.sh start "${CATALOG_UNIT:-catalog}" >/dev/null
    echo "$label: catalog restarted (pid $(cat ".run/${CATALOG_UNIT:-catalog}.pid"))"
  fi
  wait

  local accepted refused retries
  accepted=$(cat "$work"/client-* | grep -c '^201 ' || true)
  refused=$(cat "$work"/client-* | grep -c '^409 ' || true)
  retries=$(cat "$work"/retries-* 2>/dev/null | wc -l || true)
  # settle: no order pending any more (bounded)
  local deadline=$((SECONDS + SETTLE_TIMEOUT)) counts pending
  while :; do
    counts=$(statuses "$PRODUCT_ID")
    pending=$(count_of "$counts" pending)
    [ "$pending" = 0 ] && [ "$(count_of "$counts" confirmed)" -gt 0 -o "$(count_of "$counts" rejected)" -gt 0 ] && break
    [ "$SECONDS" -ge "$deadline" ] && break
    sleep 0.5
  done
  local confirmed rejected stock late contradicted
  confirmed=$(count_of "$counts" confirmed); rejected=$(count_of "$counts" rejected)
  # an answer's status (confirmed in a 201, rejected in a 409) must be the order's status for good
  contradicted=0
  while read -r _ id said; do
    [ "$said" = pending ] && continue
    now=$(psql -qtA -h 127.0.0.1 -U postgres ordering_db -c "SELECT status FROM orders WHERE id = $id")
    [ "$now" = "$said" ] || { contradicted=$((contradicted + 1)); echo "$label: order $id answered $said, is $now" >&2; }
  done < <(cat "$work"/client-* | grep -E '^(201|409) ')
  late=$(psql -qtA -h 127.0.0.1 -U postgres ordering_db -c "SELECT count(*) FROM orders WHERE product_id = $PRODUCT_ID
    AND status = 'rejected' AND status_reason LIKE 'catalog did not answer%'")
  # the quantity clients see (through the read model and the cache) follows the reservations (bounded wait)
  deadline=$((SECONDS + 30))
  until [ "$(quantity "$PRODUCT_ID")" = $((STOCK - confirmed)) ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.3; done
  stock=$(quantity "$PRODUCT_ID")

  # cancel CANCEL confirmed orders; their stock comes back
  local cancelled=0
  for id in $(grep -h '^201 ' "$work"/client-* | awk '{print $2}'); do
    [ "$cancelled" -ge "$CANCEL" ] && break
    status=$(curl -s -m 5 "$ORDERING_URL/orders/$id" "${auth[@]}" | jq -r .status)
    [ "$status" = confirmed ] || continue
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -X PUT "$ORDERING_URL/orders/$id" \
      -H "Content-Type: application/json" "${auth[@]}" -d '{"status": "cancelled"}')
    [ "$code" = 200 ] && cancelled=$((cancelled + 1))
  done
  local expected_after=$((STOCK - confirmed + cancelled)) after
  deadline=$((SECONDS + 30))
  until [ "$(quantity "$PRODUCT_ID")" = "$expected_after" ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.3; done
  after=$(quantity "$PRODUCT_ID")
  local reserved released
  reserved=$(stock_events "$PRODUCT_ID" StockReserved)
  released=$(stock_events "$PRODUCT_ID" StockReleased)

  echo "$label: orders: $accepted accepted (201), $refused refused at once (409), $retries retried 503s; confirmed $confirmed, rejected $rejected" \
    "($late by the deadline), pending $pending; stock ${stock:-?}; after cancelling $cancelled: stock ${after:-?}" \
    "(catalog events: reserved ${reserved% *} for ${reserved#* } orders, released ${released% *} for ${released#* })"
  [ $((accepted + refused)) = "$ORDERS" ] || fail "$label: $((accepted + refused)) of $ORDERS orders taken"
  [ "$contradicted" = 0 ] || fail "$label: $contradicted answers contradict the order's status"
  [ "$confirmed" = "$STOCK" ] || fail "$label: $confirmed confirmed, expected $STOCK"
  [ "$rejected" = $((ORDERS - STOCK)) ] || fail "$label: $rejected rejected, expected $((ORDERS - STOCK))"
  [ "$pending" = 0 ] || fail "$label: $pending still pending after ${SETTLE_TIMEOUT} s"
  [ "$stock" = 0 ] || fail "$label: stock ${stock:-?}, expected 0"
  [ "$cancelled" = "$CANCEL" ] || fail "$label: cancelled $cancelled of $CANCEL"
  [ "$after" = "$CANCEL" ] || fail "$label: stock after cancelling ${after:-?}, expected $CANCEL"
  [ "${reserved% *}" = "${reserved#* }" ] || fail "$label: an order was reserved twice ($reserved)"
  [ "${released% *}" = "${released#* }" ] || fail "$label: an order was released twice ($released)"
  [ $(( ${reserved% *} - ${released% *} )) = $((confirmed - cancelled)) ] \
    || fail "$label: catalog holds $(( ${reserved% *} - ${released% *} )) reservations, $((confirmed - cancelled)) orders hold stock"
  [ "$late" = 0 ] || [ "$kill" = yes ] || fail "$label: $late orders rejected by the deadline without a fault"
}

round "stock race" no
round "stock race, catalog killed" yes
[ "$failures" = 0 ] || { echo "stock race: $failures mismatches" >&2; exit 1; }
echo "stock race: OK"
