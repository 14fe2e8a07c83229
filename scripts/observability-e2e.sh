#!/usr/bin/env bash
# Observability against the running services (scripts/e2e.sh runs it after the seed's flow):
# - one trace: an order placed with a W3C traceparent is handled under that trace id by ordering and, across
#   the RabbitMQ hop, by the notification consumer, whose JSON log line carries it (what Loki filters on);
# - every service's /actuator/prometheus has real values for what the dashboards show;
# - then scripts/check-observability.sh: promtool, compose config, and every dashboard metric exists.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${RUN_DIR:-.run}
passed=0; failed=0
check() { # check DESCRIPTION CONDITION-RESULT(0/1) DETAIL
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok   $1 ($3)"; else failed=$((failed + 1)); echo "FAIL $1 ($3)"; fi
}

name="trace_$(date +%s)_$RANDOM"
curl -s -o /dev/null -X POST http://localhost:8001/register -H "Content-Type: application/json" \
  -d "{\"username\": \"$name\", \"password\": \"Test@123\"}"
token=$(curl -s -X POST http://localhost:8001/login -d "username=$name&password=Test@123" | jq -r .access_token)
product=$(curl -s -X POST http://localhost:8002/products -H "Content-Type: application/json" \
  -H "Authorization: Bearer $token" -d '{"name": "Traced Product", "price": 3.50, "quantity": 10}' | jq -r .id)
curl -s -o /dev/null "http://localhost:8002/products/$product"   # a cache hit for the metrics below

trace_id=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
parent_id=$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')
order=$(curl -s -X POST http://localhost:8003/orders -H "Content-Type: application/json" -H "Authorization: Bearer $token" \
  -H "traceparent: 00-$trace_id-$parent_id-01" -d "{\"product_id\": $product, \"quantity\": 1}" | jq -r .id)
echo "placed order $order under trace $trace_id"
found=1
for _ in $(seq 1 40); do
  if jq -R -e --arg t "$trace_id" --argjson o "$order" 'fromjson? | select(.traceId == $t and .order_id == $o)' \
      "$RUN_DIR/notification.log" >/dev/null 2>&1; then found=0; break; fi
  sleep 0.5
done
check "the notification consumer logged order $order under the trace id of its POST /orders" "$found" \
  "$(jq -R -c --arg t "$trace_id" 'fromjson? | select(.traceId == $t) | {service: .service.name, level: .log.level, traceId, spanId, message}' \
     "$RUN_DIR/notification.log" 2>/dev/null | head -n 1)"

scrape() { curl -s "http://localhost:$1/actuator/prometheus"; }
# sum of a metric's samples whose line matches a pattern
value() { awk -v m="$2" -v p="$3" 'index($0, m) == 1 && $0 ~ p { s += $NF } END { print s + 0 }' <<<"$1"; }
positive() { awk -v v="$1" 'BEGIN { exit !(v > 0) }'; }
sleep 6   # processor gauges are read every 5 s
user=$(scrape 8001); catalog=$(scrape 8002); ordering=$(scrape 8003); notification=$(scrape 8004)
for pair in "user-service:$user" "catalog-service:$catalog" "order-service:$ordering" "notification-service:$notification"; do
  service=${pair%%:*} body=${pair#*:}
  v=$(value "$body" http_server_requests_seconds_count "service=\"$service\"")
  positive "$v"; check "$service: HTTP requests counted, tagged with the service" $? "$v"
  v=$(value "$body" http_server_requests_seconds_bucket 'le="0.1"')
  positive "$v"; check "$service: latency histogram buckets" $? "$v below 100 ms"
done
v=$(value "$catalog" product_cache_requests_total 'result="hit"'); positive "$v"; check "catalog: cache hits" $? "$v"
v=$(value "$catalog" commandBus_successCounter_total 'CreateProduct'); positive "$v"; check "catalog: Axon command meters" $? "$v"
v=$(value "$ordering" bridge_messages_total 'outcome="confirmed"'); positive "$v"; check "ordering: bridge confirms" $? "$v"
v=$(value "$ordering" eventStore_ingestedCounter_total ''); positive "$v"; check "ordering: Axon event store meters" $? "$v"
v=$(value "$ordering" axon_event_store_head ''); positive "$v"; check "ordering: event store head" $? "$v"
v=$(value "$ordering" axon_processor_lag_events 'processor="order-view"')
[ "$v" = 0 ]; check "ordering: order-view lag is 0 once caught up" $? "$v"
v=$(value "$ordering" axon_processor_running 'processor="order-created-bridge"'); positive "$v"; check "ordering: bridge processor running" $? "$v"
v=$(value "$notification" notifications_received_total 'outcome="recorded"'); positive "$v"; check "notification: recorded" $? "$v"
v=$(value "$notification" rabbitmq_consumed_total ''); positive "$v"; check "notification: RabbitMQ consumed" $? "$v"
v=$(value "$user" axon_processor_position 'processor="user-view"'); positive "$v"; check "user: user-view position" $? "$v"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
bash scripts/check-observability.sh
