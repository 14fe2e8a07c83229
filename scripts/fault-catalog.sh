#!/usr/bin/env bash
# Stops catalog and checks that placing an order then answers 503 problem+json quickly and stores no
# event; starts catalog again and checks that orders work again. Needs the four services running
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
events() { psql -qtA -h 127.0.0.1 -U postgres ordering_db -c "SELECT count(*) FROM domainevententry"; }
place() {
  curl -s -m 15 -o "$1" -w '%{http_code} %{content_type} %{time_total}\n' -X POST http://localhost:8003/orders \
    -H "Content-Type: application/json" -H "Authorization: Bearer $TOKEN" -d "{\"product_id\": $PRODUCT_ID, \"quantity\": 1}"
}

bash scripts/services.sh stop catalog >/dev/null
before=$(events) failures=0
for i in 1 2 3; do
  read -r code type seconds < <(place /tmp/fault-catalog.$$)
  echo "catalog down, order $i: $code $type in ${seconds}s: $(jq -r .detail /tmp/fault-catalog.$$)"
  if [ "$code" != 503 ] || [[ "$type" != application/problem+json* ]] || awk -v s="$seconds" 'BEGIN { exit !(s > 10) }'; then
    failures=$((failures + 1))
  fi
done
after=$(events)
echo "events in ordering_db before $before, after $after"
[ "$before" = "$after" ] || failures=$((failures + 1))
bash scripts/services.sh start catalog >/dev/null
sleep 6  # the circuit breaker lets a call through again after 5 s
read -r code _ _ < <(place /tmp/fault-catalog.$$)
echo "catalog back: $code"
[ "$code" = 201 ] || failures=$((failures + 1))
rm -f /tmp/fault-catalog.$$
if [ "$failures" != 0 ]; then echo "FAIL: $failures checks failed with catalog down"; exit 1; fi
echo "ok   catalog down: 503 problem+json, no event stored; back up: 201"
