#!/usr/bin/env bash
# The benchmark suite (make bench; QUICK=1 make bench for a short run). Starts a stack of its own on
# 127.0.0.1:18001-18004 (databases bench_*_db made afresh, RabbitMQ names with a "bench." prefix, Redis
# database 1), so it never touches `make run`'s services or data, and prints one table: each figure, the
# ceiling measured in the same run on this machine, the ratio, and the target's pass/fail.
#   writes    POST /orders, 16 clients (wrk, a token and a product each)   vs pgbench appending single rows
#             to an event-shaped table, 16 clients, synchronous commit on
#   e2e       every accepted order in the read model and notified exactly once; 201 → notification p50/p99
#   reads     GET /products/{id}, warm cache, wrk -t2 -c50                 vs wrk against nginx serving the same body
#   replay    bench/replay.sh (order-view replay vs the raw sequential read of its event table)
#   footprint each service's start to healthy, and its resident memory after the load
# Each load first runs unmeasured for WARM_S seconds (the JIT's warm-up). Loopback only; every phase is bounded
# in time. Needs wrk and nginx (installed with apt-get if missing).
# For experiments: BENCH_ARGS (more arguments for every service, e.g. a property to compare), BENCH_JAVA_OPTS,
# WARM_S, WRITE_S, READ_S, and REPLAY_EVENTS (0 leaves the replay out).
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

if [ -n "${QUICK:-}" ]; then WARM_S=${WARM_S:-15} WRITE_S=${WRITE_S:-10} READ_S=${READ_S:-10} REPLAY_EVENTS=${REPLAY_EVENTS:-100000}
else WARM_S=${WARM_S:-60} WRITE_S=${WRITE_S:-30} READ_S=${READ_S:-30} REPLAY_EVENTS=${REPLAY_EVENTS:-1000000}; fi
CLIENTS=16
RUN_DIR=.run/bench-suite; rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
# the bench stack's own token signing key; user-service signs, the others fetch its public keys
KEYS=$RUN_DIR/jwt-signing-keys.json
java scripts/GenerateSigningKey.java "$KEYS" >/dev/null
PSQL=(psql -v ON_ERROR_STOP=1 -qtA -h 127.0.0.1 -U postgres)
JAVA=(java ${BENCH_JAVA_OPTS:-${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}} -Daxoniq.update-checker.disabled=true
  -Ddisable-axoniq-console-message=true)

missing=()
for tool in wrk nginx; do command -v "$tool" >/dev/null || missing+=("$([ "$tool" = nginx ] && echo nginx-light || echo "$tool")"); done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bash scripts/infra.sh >/dev/null
ls ./*-context/target/*-context.jar >/dev/null 2>&1 || ./mvnw -B -q -DskipTests package

# RabbitMQ names of the bench stack: every eventcommerce.messaging.* name of the kernel's defaults, prefixed
messaging_args=()
while read -r key value; do messaging_args+=("--eventcommerce.messaging.$key=bench.$value"); done < <(
  awk '/^  messaging:/ {m=1; next} m && /^  [a-z]/ {m=0} m && /^    [a-z-]+: / {sub(":", "", $1); print $1, $2}' \
    shared-kernel/src/main/resources/kernel-defaults.yml)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$RUN_DIR/nginx.pid" ] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

declare -A start_s pid_of
start() { # start NAME MODULE PORT
  local name=$1 module=$2 port=$3 db="bench_${1}_db" t0
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  t0=$(date +%s.%N)
  SPRING_PROFILES_ACTIVE=local AXONIQ_UPDATE_CHECKER_DISABLED=true "${JAVA[@]}" -jar "$module/target/$module.jar" \
    --server.port="$port" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db" \
    --spring.data.redis.database=1 --eventcommerce.auth.signing-keys-file="$KEYS" \
    --eventcommerce.auth.jwks-uri=http://127.0.0.1:18001/.well-known/jwks.json \
    --eventcommerce.ordering.catalog-url=http://127.0.0.1:18002 "${messaging_args[@]}" ${BENCH_ARGS:-} \
    >"$RUN_DIR/$name.log" 2>&1 &
  pids+=($!); pid_of[$name]=$!
  for _ in $(seq 1 600); do
    if curl -fs -m 1 "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      start_s[$name]=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'); return
    fi
    kill -0 "${pid_of[$name]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench $name did not start; see $RUN_DIR/$name.log" >&2; exit 1
}
echo "== starting the bench stack on 18001-18004"
redis-cli -n 1 flushdb >/dev/null
start user user-context 18001; start catalog catalog-context 18002
start ordering ordering-context 18003; start notification notification-context 18004
echo "   started in: user ${start_s[user]} s, catalog ${start_s[catalog]} s, ordering ${start_s[ordering]} s, notification ${start_s[notification]} s"

echo "== $CLIENTS customers and $CLIENTS products"
: >"$RUN_DIR/tokens"; : >"$RUN_DIR/products"
for i in $(seq 1 $CLIENTS); do
  curl -s -o /dev/null -X POST http://127.0.0.1:18001/register -H "Content-Type: application/json" \
    -d "{\"username\": \"bench$i\", \"password\": \"Bench@123\"}"
  token=$(curl -s -X POST http://127.0.0.1:18001/login -d "username=bench$i&password=Bench@123" | jq -r .access_token)
  echo "$token" >>"$RUN_DIR/tokens"
  curl -s -X POST http://127.0.0.1:18002/products -H "Content-Type: application/json" -H "Authorization: Bearer $token" \
    -d "{\"name\": \"Bench product $i\", \"price\": 9.99, \"quantity\": 100000000}" | jq -r .id >>"$RUN_DIR/products"
done

product=$(head -n 1 "$RUN_DIR/products")
write_load() { # write_load SECONDS OUTPUT
  BENCH_TOKENS=$RUN_DIR/tokens BENCH_PRODUCTS=$RUN_DIR/products wrk -t$CLIENTS -c$CLIENTS -d"$1s" --timeout 10s \
    -s bench/orders.lua http://127.0.0.1:18003/orders >"$2" 2>&1 || true
}
# A fresh JVM runs interpreted and half-compiled code for a minute or more (its JIT compiler still took a fifth
# of ordering's CPU in a profile of the writes; cached reads went 500, 1,300, 1,800 ... 5,400 requests/s in six
# 10-second rounds), so each load first runs unmeasured: the full run's figures are the steady state; QUICK's
# 15 s warm-up (and 100,000-event replay) leaves them well below it: a smoke run of the suite.
echo "== warm-up (not measured): ${WARM_S}s of the same writes, then of the same reads"
write_load "$WARM_S" "$RUN_DIR/warm-writes.txt"
wrk -t2 -c50 -d"${WARM_S}s" "http://127.0.0.1:18002/products/$product" >"$RUN_DIR/warm-reads.txt" 2>&1 || true
# the measured run's orders are those after the warm-up's (ids come from one sequence)
placed_before=$("${PSQL[@]}" -d bench_ordering_db -c \
  "SELECT coalesce(max(aggregateidentifier::bigint), 0) FROM domainevententry WHERE payloadtype LIKE '%OrderPlaced'")

echo "== writes: POST /orders for ${WRITE_S}s, $CLIENTS clients"
write_load "$WRITE_S" "$RUN_DIR/writes.txt"
read -r created other p50 p95 p99 seconds < <(grep '^RESULT' "$RUN_DIR/writes.txt" |
  sed -E 's/[a-z0-9_]+=//g; s/RESULT //')
orders_s=$(awk -v c="$created" -v s="$seconds" 'BEGIN { printf "%.0f", c / s }')
echo "   $created orders accepted (201), $other other answers; p50 $p50 ms, p95 $p95 ms, p99 $p99 ms"

echo "== ceiling: pgbench appending single event-shaped rows, $CLIENTS clients, synchronous commit"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench_pgbench_db WITH (FORCE)" -c "CREATE DATABASE bench_pgbench_db"
"${PSQL[@]}" -d bench_pgbench_db -c "CREATE TABLE events (globalindex BIGSERIAL PRIMARY KEY,
  aggregateidentifier VARCHAR(255) NOT NULL, sequencenumber BIGINT NOT NULL, type VARCHAR(255),
  eventidentifier VARCHAR(255) NOT NULL UNIQUE, metadata BYTEA, payload BYTEA NOT NULL, payloadtype VARCHAR(255) NOT NULL,
  timestamp VARCHAR(255) NOT NULL, UNIQUE (aggregateidentifier, sequencenumber))"
cat >"$RUN_DIR/append.sql" <<'SQL'
INSERT INTO events (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadtype, timestamp)
VALUES (md5(random()::text), 0, 'Order', md5(random()::text || clock_timestamp()::text), '\x7b7d',
  convert_to('{"orderId":1,"userId":1,"productId":1,"productName":"Bench product","quantity":1,"unitPrice":9.99,"totalPrice":9.99}', 'UTF8'),
  'dev.eventcommerce.ordering.api.OrderPlaced', now()::text);
SQL
pgbench -h 127.0.0.1 -U postgres -n -c $CLIENTS -j 2 -T "$WRITE_S" -f "$RUN_DIR/append.sql" bench_pgbench_db \
  >"$RUN_DIR/pgbench.txt" 2>&1
append_tps=$(awk '/^tps/ { printf "%.0f", $3; exit }' "$RUN_DIR/pgbench.txt")
echo "   pgbench: $append_tps appends/s"

echo "== end to end: every accepted order projected and notified exactly once"
ids() { "${PSQL[@]}" -d "$1" -c "$2" | sort; }
deadline=$((SECONDS + 120))
stored=$(ids bench_ordering_db "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%OrderPlaced'")
while [ $SECONDS -lt $deadline ]; do
  [ "$("${PSQL[@]}" -d bench_notification_db -c "SELECT count(DISTINCT order_id) FROM notifications")" -ge "$stored" ] && break
  sleep 1
done
sleep 2
read_model=$("${PSQL[@]}" -d bench_ordering_db -c "SELECT count(*) FROM orders")
notified=$("${PSQL[@]}" -d bench_notification_db -c "SELECT count(*) FROM notifications")
distinct=$("${PSQL[@]}" -d bench_notification_db -c "SELECT count(DISTINCT order_id) FROM notifications")
"${PSQL[@]}" -d bench_ordering_db -c "SELECT id, extract(epoch FROM created_at) FROM orders WHERE id > $placed_before" |
  tr '|' ' ' | sort -k1,1 >"$RUN_DIR/placed"
"${PSQL[@]}" -d bench_notification_db -c "SELECT order_id, extract(epoch FROM created_at) FROM notifications" |
  tr '|' ' ' | sort -k1,1 >"$RUN_DIR/notified"
join "$RUN_DIR/placed" "$RUN_DIR/notified" | awk '{ printf "%.1f\n", ($3 - $2) * 1000 }' | sort -n >"$RUN_DIR/e2e-ms"
pct() { awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } i = int(NR * p / 100); if (i < 1) i = 1; print v[i] }' "$RUN_DIR/e2e-ms"; }
notify_p50=$(pct 50); notify_p99=$(pct 99)
e2e_ok=$([ "$created" -le "$stored" ] && [ "$read_model" = "$stored" ] && [ "$distinct" = "$stored" ] && [ "$notified" = "$distinct" ] && echo PASS || echo FAIL)
echo "   201s $created, stored $stored, in the read model $read_model, notifications $notified ($distinct distinct): $e2e_ok"

echo "== reads: GET /products/{id}, warm cache, wrk -t2 -c50 ${READ_S}s"
curl -s "http://127.0.0.1:18002/products/$product" >"$RUN_DIR/product.json"
wrk -t2 -c50 -d"${READ_S}s" --latency "http://127.0.0.1:18002/products/$product" >"$RUN_DIR/reads.txt" 2>&1
reads_rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$RUN_DIR/reads.txt")
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }
reads_p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$RUN_DIR/reads.txt")")
mkdir -p "$RUN_DIR/www/products"; cp "$RUN_DIR/product.json" "$RUN_DIR/www/products/$product"
cat >"$RUN_DIR/nginx.conf" <<NGINX
worker_processes 2;
pid $PWD/$RUN_DIR/nginx.pid;
error_log $PWD/$RUN_DIR/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $PWD/$RUN_DIR/nginx-tmp; proxy_temp_path $PWD/$RUN_DIR/nginx-tmp;
  fastcgi_temp_path $PWD/$RUN_DIR/nginx-tmp; uwsgi_temp_path $PWD/$RUN_DIR/nginx-tmp; scgi_temp_path $PWD/$RUN_DIR/nginx-tmp;
  server { listen 127.0.0.1:18080; default_type application/json; root $PWD/$RUN_DIR/www; }
}
NGINX
mkdir -p "$RUN_DIR/nginx-tmp"
nginx -c "$PWD/$RUN_DIR/nginx.conf"
wrk -t2 -c50 -d"${READ_S}s" --latency "http://127.0.0.1:18080/products/$product" >"$RUN_DIR/nginx.txt" 2>&1
nginx_rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$RUN_DIR/nginx.txt")
kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true

rss() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
declare -A rss_mb
for name in user catalog ordering notification; do rss_mb[$name]=$(rss "${pid_of[$name]}"); done
cleanup; pids=()

replay_rate="not run" replay_ceiling=""
if [ "$REPLAY_EVENTS" -gt 0 ]; then
  echo "== replay: bench/replay.sh $REPLAY_EVENTS"
  BENCH_ARGS="" bash bench/replay.sh "$REPLAY_EVENTS" | tee "$RUN_DIR/replay.txt" | tail -n 3
  read -r replay_rate replay_ceiling < <(awk '/^order-view replay/ { print $(NF-2), $(NF-1) }' "$RUN_DIR/replay.txt")
fi

row() { # row FIGURE VALUE CEILING TARGET-TEXT PASS
  printf "%-46s %12s %12s %7s  %-30s %s\n" "$1" "$2" "$3" \
    "$(awk -v v="$2" -v c="$3" 'BEGIN { if (c + 0 > 0 && v ~ /^[0-9.]+$/) printf "%.1f%%", 100 * v / c; else print "-" }')" "$4" "$5"
}
pass() { awk "BEGIN { exit !($1) }" && echo PASS || echo FAIL; }
echo
printf "%-46s %12s %12s %7s  %-30s %s\n" figure value ceiling ratio target result
row "writes: orders/s (POST /orders, 16 clients)" "$orders_s" "$append_tps" ">= 1000/s" "$(pass "$orders_s >= 1000")"
row "writes: p50 / p95 ms" "$p50 / $p95" "" "" ""
row "writes: p99 ms" "$p99" "" "< 100 ms" "$(pass "$p99 < 100")"
row "order -> read model (in the 201: read-your-writes)" "$p99" "" "p99 < 50 ms" "$(pass "$p99 < 50")"
row "order -> notification recorded, p50 ms" "$notify_p50" "" "" ""
row "order -> notification recorded, p99 ms" "$notify_p99" "" "< 250 ms" "$(pass "${notify_p99/n\/a/99999} < 250")"
row "every accepted order projected and notified once" "$stored/$read_model/$distinct" "" "all equal, 0 duplicates" "$e2e_ok"
row "reads: GET /products/{id} req/s (nginx ceiling)" "$reads_rps" "$nginx_rps" ">= 30% of nginx" "$(pass "$reads_rps >= 0.3 * $nginx_rps")"
row "reads: p99 ms" "$reads_p99" "" "< 10 ms" "$(pass "$reads_p99 < 10")"
row "replay: order-view events/s (raw read ceiling)" "$replay_rate" "$replay_ceiling" ">= 10% of the raw read" \
  "$([ -n "$replay_ceiling" ] && pass "$replay_rate >= 0.1 * $replay_ceiling" || echo -)"
for name in user catalog ordering notification; do
  row "$name: start to healthy s / RSS MB after load" "${start_s[$name]} / ${rss_mb[$name]}" "" "<= 10 s, <= 300 MB" \
    "$(pass "${start_s[$name]} <= 10 && ${rss_mb[$name]} <= 300")"
done
