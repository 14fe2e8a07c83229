#!/usr/bin/env bash
# Stops catalog and checks what ordering then answers: a product created before the stop is known to ordering's
# product replica (catalog's product message) and its orders are still taken, 201 at the replica's price; a
# product id that never existed is unknown to the replica and catalog cannot be asked: 503 problem+json, quickly,
# and no event stored. Starts catalog again and checks that orders work again. Needs the four services running
# (scripts/e2e.sh runs it); catalog is started again whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

trap 'bash scripts/services.sh start catalog >/dev/null' EXIT
name="catalog_down_$(date +%s)_$RANDOM"
curl -s -o /dev/null -X POST http://localhost:8001/register -H "Content-Type: application/json" \
  -d "{\"username\": \"$name\", \"password\": \"Test@123\"}"
TOKEN=$(curl -s -X POST http://localhost:8001/login -d "username=$name&password=Test@123" | jq -r .access_token)
PRODUCT_ID=$(curl -s -X POST http://localhost:8002/products -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" -d '{"name": "Catalog Down Product", "price": 3.50, "quantity": 10}' | jq -r .id)
# ids come from a sequence: this one was never handed out
UNKNOWN_ID=$((PRODUCT_ID + 1000000000))
ordering_sql() { psql -qtA -h 127.0.0.1 -U postgres ordering_db -c "$1"; }
placed() { ordering_sql "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.OrderPlaced'"; }
place() {  # place FILE PRODUCT
  curl -s -m 15 -o "$1" -w '%{http_code} %{content_type} %{time_total}\n' -X POST http://localhost:8003/orders \
    -H "Content-Type: application/json" -H "Authorization: Bearer $TOKEN" -d "{\"product_id\": $2, \"quantity\": 1}"
}
slow() { awk -v s="$1" 'BEGIN { exit !(s > 10) }'; }

# catalog's product message reaches ordering's replica within moments of the creation
for _ in $(seq 1 100); do
  [ "$(ordering_sql "SELECT count(*) FROM product_replica WHERE product_id = $PRODUCT_ID")" = 1 ] && break
  sleep 0.1
done

bash scripts/services.sh stop catalog >/dev/null
failures=0
for i in 1 2 3; do
  read -r code type seconds < <(place /tmp/fault-catalog.$$ "$PRODUCT_ID")
  echo "catalog down, known product $PRODUCT_ID, order $i: $code in ${seconds}s, unit_price $(jq -r .unit_price /tmp/fault-catalog.$$)"
  if [ "$code" != 201 ] || ! jq -e '.unit_price == 3.5' /tmp/fault-catalog.$$ >/dev/null || slow "$seconds"; then
    failures=$((failures + 1))
  fi
done
before=$(placed)
for i in 1 2 3; do
  read -r code type seconds < <(place /tmp/fault-catalog.$$ "$UNKNOWN_ID")
  echo "catalog down, product $UNKNOWN_ID that never existed, order $i: $code $type in ${seconds}s: $(jq -r .detail /tmp/fault-catalog.$$)"
  if [ "$code" != 503 ] || [[ "$type" != application/problem+json* ]] || slow "$seconds"; then
    failures=$((failures + 1))
  fi
done
after=$(placed)
echo "orders placed in ordering_db before the refused ones $before, after $after"
[ "$before" = "$after" ] || failures=$((failures + 1))
bash scripts/services.sh start catalog >/dev/null
sleep 6  # the circuit breaker lets a call through again after 5 s
read -r code _ _ < <(place /tmp/fault-catalog.$$ "$PRODUCT_ID")
echo "catalog back, known product: $code"
[ "$code" = 201 ] || failures=$((failures + 1))
read -r code _ _ < <(place /tmp/fault-catalog.$$ "$UNKNOWN_ID")
echo "catalog back, product that never existed: $code"
[ "$code" = 422 ] || failures=$((failures + 1))
rm -f /tmp/fault-catalog.$$
if [ "$failures" != 0 ]; then echo "FAIL: $failures checks failed with catalog down"; exit 1; fi
echo "ok   catalog down: a known product's orders 201 from the replica; an unknown product 503 problem+json, no event stored; back up: 201 and 422"
