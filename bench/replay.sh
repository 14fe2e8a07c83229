#!/usr/bin/env bash
# Replay benchmark: fills an event store of its own with order events, replays the order read model
# through the operations API, and prints its events/s next to the ceiling measured in the same run:
# PostgreSQL's raw sequential read of the same event table (COPY ... TO STDOUT into /dev/null).
# Both are taken as the best of several runs (three reads, BENCH_REPLAYS replays, default 3), since both
# move by +-15% from run to run on a 2-core machine; each replay's figure is printed too.
#   bench/replay.sh [EVENTS]       (default 1,000,000; BENCH_EVENTS also sets it)
# Runs its own ordering-service on 127.0.0.1:18003 against the database bench_ordering_db (dropped and
# made again), and a user-service on 18001 (bench_user_db) to log in as the admin; stops both at the end.
# The RabbitMQ bridge runs as in production, its position set past the filled events (as an operator would
# move it), so it publishes none of them. Loopback only, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${1:-${BENCH_EVENTS:-1000000}}
REPLAYS=${BENCH_REPLAYS:-3}
[[ "$REPLAYS" =~ ^[1-9][0-9]?$ ]] || { echo "BENCH_REPLAYS must be a number from 1 to 99, not '$REPLAYS'" >&2; exit 2; }
PORT=${BENCH_PORT:-18003}
DB=bench_ordering_db
TIMEOUT=${BENCH_TIMEOUT:-1800}
PSQL=(psql -v ON_ERROR_STOP=1 -qtA -h 127.0.0.1 -U postgres)
JAR=ordering-context/target/ordering-context.jar
RUN_DIR=.run/bench; mkdir -p "$RUN_DIR"
USER_PORT=${BENCH_USER_PORT:-18001}
KEYS=$RUN_DIR/jwt-signing-keys.json
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')

bash scripts/infra.sh >/dev/null
[ -f "$JAR" ] && [ -f user-context/target/user-context.jar ] || ./mvnw -B -q -DskipTests package
java scripts/GenerateSigningKey.java "$KEYS" >/dev/null

echo "== filling $DB with $EVENTS OrderPlaced events"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
pid=""
user_pid=""
stop_pid() { if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then kill "$1"; wait "$1" 2>/dev/null || true; fi; }
cleanup() { stop_pid "$pid"; }
trap 'stop_pid "$pid"; stop_pid "$user_pid"' EXIT
start_service() {
  # the services' JVM options (scripts/services.sh) unless BENCH_JAVA_OPTS says otherwise
  java ${BENCH_JAVA_OPTS:-${JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}} -Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true \
    -jar "$JAR" --server.port="$PORT" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
    --eventcommerce.auth.jwks-uri="http://127.0.0.1:$USER_PORT/.well-known/jwks.json" \
    --eventcommerce.messaging.exchange="bench.order_events" ${BENCH_ARGS:-} >"$RUN_DIR/ordering.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs -m 2 "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return; sleep 1; done
  echo "bench ordering-service did not start; see $RUN_DIR/ordering.log" >&2; exit 1
}
# Start once so that Flyway creates the schema, then stop to fill the table underneath.
start_service; cleanup; pid=""
fill_start=$(date +%s.%N)
"${PSQL[@]}" -d "$DB" -c "
  INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                                payloadtype, timestamp)
  SELECT g::text, 0, 'Order', md5(g::text || clock_timestamp()::text), convert_to('{}', 'UTF8'),
         convert_to(format('{\"orderId\":%s,\"userId\":%s,\"productId\":%s,\"productName\":\"Bench product %s\",'
                           '\"quantity\":%s,\"unitPrice\":19.99,\"totalPrice\":%s}',
                           g, g % 1000, g % 50, g % 50, 1 + g % 3, 19.99 * (1 + g % 3)), 'UTF8'),
         'dev.eventcommerce.ordering.api.OrderPlaced',
         to_char(timestamp '2026-01-01' + g * interval '1 millisecond', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')
  FROM generate_series(1, $EVENTS) g;
  SELECT setval('order_id_seq', $EVENTS) > 0;
  -- the bridge's token past the filled events: it publishes none of them (Axon's JSON of a GapAwareTrackingToken)
  INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)
  VALUES ('order-created-bridge', 0, convert_to('{\"index\":$EVENTS,\"gaps\":[]}', 'UTF8'),
          'org.axonframework.eventhandling.GapAwareTrackingToken',
          to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), NULL)
  ON CONFLICT (processorname, segment) DO UPDATE SET token = excluded.token, tokentype = excluded.tokentype,
                                                     timestamp = excluded.timestamp, owner = NULL;
  ANALYZE domainevententry;"
echo "   filled in $(awk -v s="$fill_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"

echo "== ceiling: raw sequential read of the event table (best of three)"
ceiling_s=""
for _ in 1 2 3; do
  ceiling_start=$(date +%s.%N)
  "${PSQL[@]}" -d "$DB" -c "COPY (SELECT * FROM domainevententry ORDER BY globalindex) TO STDOUT" >/dev/null
  ceiling_s=$(awk -v s="$ceiling_start" -v e="$(date +%s.%N)" -v best="$ceiling_s" \
    'BEGIN { t = e - s; if (best != "" && best + 0 < t) t = best; printf "%.3f", t }')
done

echo "== the admin's token, from a user-service of the bench's own"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench_user_db WITH (FORCE)" -c "CREATE DATABASE bench_user_db"
ADMIN_PASSWORD=$ADMIN_PASSWORD java -Xmx256m -XX:+ExitOnOutOfMemoryError -Daxoniq.update-checker.disabled=true \
  -jar user-context/target/user-context.jar --server.port="$USER_PORT" --server.address=127.0.0.1 \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/bench_user_db" --eventcommerce.auth.signing-keys-file="$KEYS" \
  --eventcommerce.auth.revocation-key=bench:token-revocations >"$RUN_DIR/user.log" 2>&1 &
user_pid=$!
TOKEN=""
for _ in $(seq 1 120); do
  TOKEN=$(curl -s -m 5 -X POST "http://127.0.0.1:$USER_PORT/login" --data-urlencode username=admin \
    --data-urlencode "password=$ADMIN_PASSWORD" 2>/dev/null | jq -r '.access_token // empty' 2>/dev/null || true)
  [ -n "$TOKEN" ] && break
  sleep 1
done
[ -n "$TOKEN" ] || { echo "bench user-service gave no admin token; see $RUN_DIR/user.log" >&2; exit 1; }

echo "== replay of order-view"
start_service
status() { curl -s "http://127.0.0.1:$PORT/admin/processors/order-view" -H "Authorization: Bearer $TOKEN"; }
await_rebuilt() { # waits until order-view is past the head, bounded
  local deadline=$((SECONDS + TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    s=$(status)
    if [ "$(jq -r '.replaying' <<<"$s")" = false ] && [ "$(jq -r '.position // -1' <<<"$s")" -ge "$EVENTS" ]; then return; fi
    sleep 0.1
  done
  echo "order-view did not finish within ${TIMEOUT}s: $(status)" >&2; exit 1
}
await_rebuilt   # a new processor builds the read model once at start
best_s=""
for round in $(seq 1 "$REPLAYS"); do
  replay_start=$(date +%s.%N)
  code=$(curl -s -o "$RUN_DIR/replay.json" -w '%{http_code}' -X POST \
    "http://127.0.0.1:$PORT/admin/processors/order-view/replay" -H "Authorization: Bearer $TOKEN")
  [ "$code" = 202 ] || { echo "replay refused: $(cat "$RUN_DIR/replay.json")" >&2; exit 1; }
  await_rebuilt
  replay_s=$(awk -v s="$replay_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')
  rows=$("${PSQL[@]}" -d "$DB" -c "SELECT count(*) FROM orders")
  [ "$rows" = "$EVENTS" ] || { echo "orders has $rows rows, expected $EVENTS" >&2; exit 1; }
  echo "   replay $round of $REPLAYS: $replay_s s ($(awk -v n="$EVENTS" -v r="$replay_s" 'BEGIN { printf "%.0f", n / r }') events/s)"
  best_s=$(awk -v t="$replay_s" -v best="$best_s" 'BEGIN { if (best != "" && best + 0 < t) t = best; printf "%.3f", t }')
done

awk -v n="$EVENTS" -v r="$best_s" -v c="$ceiling_s" -v k="$REPLAYS" 'BEGIN {
  replay = n / r; ceiling = n / c;
  printf "\n%-38s %14s %14s %8s\n", "figure", "events/s", "ceiling/s", "ratio";
  printf "%-38s %14.0f %14.0f %7.1f%%\n", "order-view replay (" n " events)", replay, ceiling, 100 * replay / ceiling;
  printf "replay %.2f s (best of %d), raw read %.2f s (best of three); target: ratio >= 10%% -> %s\n", r, k, c,
         (replay / ceiling >= 0.10 ? "PASS" : "FAIL");
}'
