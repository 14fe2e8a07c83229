#!/usr/bin/env bash
# The benchmark suite (make bench; QUICK=1 make bench for a short run). Starts a stack of its own on
# 127.0.0.1:18001-18004 (databases bench_*_db made afresh, RabbitMQ names with a "bench." prefix, Redis
# database 1), so it never touches `make run`'s services or data, and prints one table: each figure, the
# ceiling measured in the same run on this machine, the ratio, and the target's pass/fail.
#   writes    POST /orders, 16 clients (wrk, a token and a product each)   vs pgbench appending single rows
#             to an event-shaped table, 16 clients, synchronous commit on
#   e2e       every accepted order in the read model, confirmed and notified exactly once; order → confirmed
#             and 201 → notification p50/p99
#   cost      per order of the measured writes: CPU ms of each service, of PostgreSQL and of RabbitMQ, and
#             PostgreSQL transactions
#   reads     GET /products/{id}, warm cache, wrk -t2 -c50                 vs wrk against nginx serving the same body;
#             GET /products (a page of 20) and a customer's GET /orders (default page), measured only
#   replay    bench/replay.sh (order-view replay vs the raw sequential read of its event table)
#   footprint each service's start to healthy, its resident memory after the load, and the write rate in the
#             first 30 s of load against the steady state's
# Each load first runs unmeasured for WARM_S seconds (the JIT's warm-up). Loopback only; every phase is bounded
# in time. Needs wrk and nginx (installed with apt-get if missing).
# For experiments: BENCH_ARGS (more arguments for every service, e.g. a property to compare), BENCH_JAVA_OPTS,
# WARM_S, WRITE_S, READ_S, REPLAY_EVENTS (0 leaves the replay out), PROFILE (0 leaves the profiles out) and PROFILE_S.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

if [ -n "${QUICK:-}" ]; then WARM_S=${WARM_S:-15} WRITE_S=${WRITE_S:-10} READ_S=${READ_S:-10} REPLAY_EVENTS=${REPLAY_EVENTS:-100000}
else WARM_S=${WARM_S:-60} WRITE_S=${WRITE_S:-30} READ_S=${READ_S:-30} REPLAY_EVENTS=${REPLAY_EVENTS:-1000000}; fi
PROFILE_S=${PROFILE_S:-$READ_S}
CLIENTS=16
RUN_DIR=.run/bench-suite; rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
# the bench stack's own token signing key; user-service signs, the others fetch its public keys
KEYS=$RUN_DIR/jwt-signing-keys.json
java scripts/GenerateSigningKey.java "$KEYS" >/dev/null
PSQL=(psql -v ON_ERROR_STOP=1 -qtA -h 127.0.0.1 -U postgres)
# the JVM, options and class archives of make run (scripts/jvm.sh); BENCH_JAVA_OPTS replaces the options
ROOT=$PWD JAVA_OPTS=${BENCH_JAVA_OPTS:-${JAVA_OPTS:-}}
# shellcheck source=scripts/jvm.sh
. scripts/jvm.sh
# shellcheck disable=SC2206
JAVA=("$SERVICE_JAVA" $JAVA_OPTS -Daxoniq.update-checker.disabled=true -Ddisable-axoniq-console-message=true)

missing=()
for tool in wrk nginx; do command -v "$tool" >/dev/null || missing+=("$([ "$tool" = nginx ] && echo nginx-light || echo "$tool")"); done
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bash scripts/infra.sh >/dev/null
ls ./*-context/target/*-context.jar >/dev/null 2>&1 || ./mvnw -B -q -DskipTests package

# RabbitMQ names of the bench stack: every eventcommerce.messaging.* name of platform/messaging's defaults, prefixed
messaging_args=()
while read -r key value; do messaging_args+=("--eventcommerce.messaging.$key=bench.$value"); done < <(
  awk '/^  messaging:/ {m=1; next} m && /^  [a-z]/ {m=0} m && /^    [a-z-]+: / {sub(":", "", $1); print $1, $2}' \
    platform/messaging/src/main/resources/eventcommerce/defaults/messaging.yml)

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
  local args=(--server.port="$port" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db"
    --spring.data.redis.database=1 --eventcommerce.auth.signing-keys-file="$KEYS"
    --eventcommerce.auth.jwks-uri=http://127.0.0.1:18001/.well-known/jwks.json
    --eventcommerce.ordering.catalog-url=http://127.0.0.1:18002 "${messaging_args[@]}" ${BENCH_ARGS:-})
  # the class archive make run starts with, made first if missing (its training run is not part of the start)
  archived "$module" || SPRING_PROFILES_ACTIVE=local AXONIQ_UPDATE_CHECKER_DISABLED=true train "$module" "${args[@]}" || true
  t0=$(date +%s.%N)
  # shellcheck disable=SC2046
  SPRING_PROFILES_ACTIVE=local AXONIQ_UPDATE_CHECKER_DISABLED=true "${JAVA[@]}" $(launch_args "$module") "${args[@]}" \
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
rate() { awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
  if (r["seconds"] > 0) printf "%.0f", r["created"] / r["seconds"] }' "$1"; }
echo "== warm-up (not measured): ${WARM_S}s of the same writes, then of the same reads"
# Its first 30 s run as 10 s windows: how near a fresh stack gets to the steady state that soon (footprint).
# The figure is the last whole window within 30 s: 20-30 s, or 10-15 s with QUICK's 15 s warm-up.
window_at=0 windows=() last_window=none first_rate="" early_rate=""
while [ "$window_at" -lt "$WARM_S" ] && [ "$window_at" -lt 30 ]; do
  window_s=$((WARM_S - window_at < 10 ? WARM_S - window_at : 10))
  write_load "$window_s" "$RUN_DIR/warm-writes-$window_at.txt"
  windows+=("$window_at-$((window_at + window_s)) s: $(rate "$RUN_DIR/warm-writes-$window_at.txt")")
  last_window=$window_at-$((window_at + window_s)); window_at=$((window_at + window_s))
done
[ "$window_at" -lt "$WARM_S" ] && write_load $((WARM_S - window_at)) "$RUN_DIR/warm-writes-rest.txt"
[ ${#windows[@]} -gt 0 ] && first_rate=${windows[0]##*: } early_rate=${windows[-1]##*: }
echo "   orders/s in the first 30 s: $(IFS=,; echo "${windows[*]}" | sed 's/,/, /g')"
wrk -t2 -c50 -d"${WARM_S}s" "http://127.0.0.1:18002/products/$product" >"$RUN_DIR/warm-reads.txt" 2>&1 || true
# the measured run's orders are those after the warm-up's (ids come from one sequence)
placed_before=$("${PSQL[@]}" -d bench_ordering_db -c \
  "SELECT coalesce(max(aggregateidentifier::bigint), 0) FROM domainevententry WHERE payloadtype LIKE '%OrderPlaced'")

# Cost: CPU ticks (utime + stime of /proc/PID/stat) per process, "CLASS PID:STARTTIME TICKS", for the four
# services, PostgreSQL and RabbitMQ (beam.smp and its helpers; shared with anyone else using the broker). PostgreSQL
# is its server processes and the bench databases' backends; backends of other databases (other engineers' tests
# on the shared server) are "postgres-other", logged only. A process that ends inside the window drops out (the
# suite's own psql backends); the services' pooled connections live throughout.
CLK_TCK=$(getconf CLK_TCK)
BENCH_DBS="bench_user_db bench_catalog_db bench_ordering_db bench_notification_db"
cpu_sample() { # cpu_sample FILE
  local services="" name
  for name in user catalog ordering notification; do services+="${pid_of[$name]}=$name "; done
  gawk -v services="$services" -v dbs="$BENCH_DBS" '
    BEGIN { n = split(services, s, " "); for (i = 1; i <= n; i++) { split(s[i], kv, "="); service[kv[1]] = kv[2] }
            n = split(dbs, d, " "); for (i = 1; i <= n; i++) bench[d[i]] = 1 }
    BEGINFILE { if (ERRNO != "") nextfile }
    {
      comm = $0; sub(/^[0-9]+ \(/, "", comm); sub(/\) [^)]*$/, "", comm)
      rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")   # f[12] utime, f[13] stime, f[20] starttime
      class = ""
      if ($1 in service) class = service[$1]
      else if (comm ~ /^(beam\.smp|erl_child_setup|inet_gethost)$/) class = "rabbitmq"
      else if (comm == "postgres") {
        # a backend shows "postgres: [CLUSTER: ]USER DATABASE HOST(PORT) STATE" as its command line
        title = ""; file = "/proc/" $1 "/cmdline"; RS = "^$"; getline title <file; close(file); RS = "\n"
        gsub(/\0/, " ", title); m = split(title, w, " "); db = ""
        for (i = 2; i <= m; i++) if (w[i] ~ /\([0-9]+\)$/ || w[i] == "[local]") { db = w[i - 1]; break }
        if (title ~ /autovacuum worker/) db = w[m]
        class = (db == "" || db in bench) ? "postgres" : "postgres-other"
      }
      if (class != "") print class, $1 ":" f[20], f[12] + f[13]
    }' /proc/[0-9]*/stat >"$1" 2>/dev/null || true
}
cpu_ms() { # cpu_ms CLASS: CPU ms of the class's processes over the window (cpu-before .. cpu-after)
  awk -v class="$1" -v hz="$CLK_TCK" 'NR == FNR { before[$2] = $3; next }
    $1 == class { ms += ($3 - before[$2]) * 1000 / hz } END { printf "%.0f", ms }' \
    "$RUN_DIR/cpu-before" "$RUN_DIR/cpu-after"
}
# Transactions of the bench databases and of all the others, from pg_stat_database. A backend sends its counts
# at most once a second, and an idle one only 10 s later (PGSTAT_IDLE_INTERVAL), so a reading wants 11 s of rest
# before it: the warm-up reads give the "before" that (they use Redis, not PostgreSQL).
xacts() { # xacts FILE: "DATABASE TRANSACTIONS" of each bench database, and "other" for the rest of the server
  "${PSQL[@]}" -d postgres -c "SELECT CASE WHEN datname = ANY (string_to_array('$BENCH_DBS', ' ')) THEN datname
    ELSE 'other' END, sum(xact_commit + xact_rollback) FROM pg_stat_database GROUP BY 1" | tr '|' ' ' >"$1"
}
xact_delta() { # xact_delta FROM TO [DATABASE]: transactions between two readings, of the bench databases or of one
  awk -v db="${3:-}" 'NR == FNR { before[$1] = $2; next }
    (db == "" && $1 != "other") || $1 == db { n += $2 - before[$1] } END { print n + 0 }' "$RUN_DIR/$1" "$RUN_DIR/$2"
}

echo "== writes: POST /orders for ${WRITE_S}s, $CLIENTS clients"
xacts "$RUN_DIR/xacts-before"; cpu_sample "$RUN_DIR/cpu-before"; window_start=$(date +%s.%N)
write_load "$WRITE_S" "$RUN_DIR/writes.txt"
read -r created other p50 p95 p99 seconds < <(grep '^RESULT' "$RUN_DIR/writes.txt" |
  sed -E 's/[a-z0-9_]+=//g; s/RESULT //')
orders_s=$(awk -v c="$created" -v s="$seconds" 'BEGIN { printf "%.0f", c / s }')
echo "   $created orders accepted (201), $other other answers; p50 $p50 ms, p95 $p95 ms, p99 $p99 ms"

# Right after the writes, so that the cost window ends once their last order is confirmed and notified (pgbench
# after it, not inside it).
echo "== end to end: every accepted order projected, confirmed and notified exactly once"
# "STORED MEASURED": the orders placed, all and of the measured run; counted again on each look, since a POST
# that wrk cut off at its end still stores its order
orders_placed() { "${PSQL[@]}" -d bench_ordering_db -c "SELECT count(*), count(*) FILTER (WHERE aggregateidentifier::bigint >
  $placed_before) FROM domainevententry WHERE payloadtype LIKE '%OrderPlaced'" | tr '|' ' '; }
deadline=$((SECONDS + 120))
while [ $SECONDS -lt $deadline ]; do
  read -r stored measured < <(orders_placed)
  [ "$("${PSQL[@]}" -d bench_notification_db -c "SELECT count(DISTINCT order_id) FROM notifications")" -ge "$stored" ] &&
    [ "$("${PSQL[@]}" -d bench_ordering_db -c \
      "SELECT count(*) FROM orders WHERE id > $placed_before AND status <> 'pending'")" -ge "$measured" ] && break
  sleep 0.5
done
cpu_sample "$RUN_DIR/cpu-after"; xacts "$RUN_DIR/xacts-at-end"; window_end=$(date +%s.%N)
sleep 11   # the stats' delay (above); also time for a duplicate notification to show
xacts "$RUN_DIR/xacts-after"; idle_from=$(date +%s.%N)
read -r stored measured < <(orders_placed)
read_model=$("${PSQL[@]}" -d bench_ordering_db -c "SELECT count(*) FROM orders")
notified=$("${PSQL[@]}" -d bench_notification_db -c "SELECT count(*) FROM notifications")
distinct=$("${PSQL[@]}" -d bench_notification_db -c "SELECT count(DISTINCT order_id) FROM notifications")
read -r confirmed rejected pending < <("${PSQL[@]}" -d bench_ordering_db -c "SELECT count(*) FILTER (WHERE
  status = 'confirmed'), count(*) FILTER (WHERE status = 'rejected'), count(*) FILTER (WHERE status = 'pending')
  FROM orders WHERE id > $placed_before" | tr '|' ' ')
"${PSQL[@]}" -d bench_ordering_db -c "SELECT id, extract(epoch FROM created_at) FROM orders WHERE id > $placed_before" |
  tr '|' ' ' | sort -k1,1 >"$RUN_DIR/placed"
"${PSQL[@]}" -d bench_notification_db -c "SELECT order_id, extract(epoch FROM created_at) FROM notifications" |
  tr '|' ' ' | sort -k1,1 >"$RUN_DIR/notified"
join "$RUN_DIR/placed" "$RUN_DIR/notified" | awk '{ printf "%.1f\n", ($3 - $2) * 1000 }' | sort -n >"$RUN_DIR/e2e-ms"
# order → confirmed: the read model's created_at and updated_at are the OrderPlaced's and the latest status event's
"${PSQL[@]}" -d bench_ordering_db -c "SELECT round(extract(epoch FROM updated_at - created_at) * 1000, 1) FROM orders
  WHERE id > $placed_before AND status = 'confirmed'" | sort -n >"$RUN_DIR/confirm-ms"
pct() { awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } i = int(NR * p / 100); if (i < 1) i = 1; print v[i] }' "$2"; }
notify_p50=$(pct 50 "$RUN_DIR/e2e-ms"); notify_p99=$(pct 99 "$RUN_DIR/e2e-ms")
confirm_p50=$(pct 50 "$RUN_DIR/confirm-ms"); confirm_p99=$(pct 99 "$RUN_DIR/confirm-ms")
e2e_ok=$([ "$created" -le "$measured" ] && [ "$read_model" = "$stored" ] && [ "$distinct" = "$stored" ] &&
  [ "$notified" = "$distinct" ] && [ "$confirmed" = "$measured" ] && echo PASS || echo FAIL)
echo "   201s $created, stored $stored ($measured measured: $confirmed confirmed, $rejected rejected, $pending pending)," \
  "in the read model $read_model, notifications $notified ($distinct distinct): $e2e_ok"

# per order of the measured window: the orders it stored, not only those whose 201 came before wrk stopped
per_order() { awk -v x="$1" -v n="$measured" 'BEGIN { printf "%.2f", (n > 0 ? x / n : 0) }'; }
declare -A cost
for class in user catalog ordering notification postgres postgres-other rabbitmq; do
  cost[$class]=$(per_order "$(cpu_ms "$class")")
done
cost[services]=$(awk -v a="${cost[user]}" -v b="${cost[catalog]}" -v c="${cost[ordering]}" -v d="${cost[notification]}" \
  'BEGIN { printf "%.2f", a + b + c + d }')
echo "   over $(awk -v s="$window_start" -v e="$window_end" 'BEGIN { printf "%.1f", e - s }') s, CPU ms/order:" \
  "user ${cost[user]}, catalog ${cost[catalog]}, ordering ${cost[ordering]}," \
  "notification ${cost[notification]}; PostgreSQL ${cost[postgres]}, RabbitMQ ${cost[rabbitmq]}"
echo "   other databases meanwhile: $(xact_delta xacts-before xacts-after other) transactions," \
  "${cost[postgres-other]} CPU ms/order of their backends (others' load on the shared server and broker)"

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
# (the server is shared: with its connections taken by others, pgbench fails; the table then has no ceiling)
pgbench -h 127.0.0.1 -U postgres -n -c $CLIENTS -j 2 -T "$WRITE_S" -f "$RUN_DIR/append.sql" bench_pgbench_db \
  >"$RUN_DIR/pgbench.txt" 2>&1 || echo "   pgbench failed: $(grep -m 1 error "$RUN_DIR/pgbench.txt")"
append_tps=$(awk '/^tps/ { printf "%.0f", $3; exit }' "$RUN_DIR/pgbench.txt")
echo "   pgbench: $append_tps appends/s"
xacts "$RUN_DIR/xacts-idle"; idle_to=$(date +%s.%N)
echo "window_start $window_start window_end $window_end idle_from $idle_from idle_to $idle_to" >"$RUN_DIR/xacts-times"
echo "   the idle stack meanwhile: $(awk -v x="$(xact_delta xacts-after xacts-idle)" -v s="$idle_from" \
  -v e="$idle_to" 'BEGIN { printf "%.0f", x / (e - s) }')" \
  "transactions/s in the bench databases (its pollers; part of the transactions per order)"
# The measured window's transactions: those counted 11 s after its end, less what the idle stack did in those 11 s
# (at its rate just measured), which is most of what that rest adds.
xact_window() { # xact_window [DATABASE]
  awk -v all="$(xact_delta xacts-before xacts-after "${1:-}")" -v idle="$(xact_delta xacts-after xacts-idle "${1:-}")" \
    -v end="$window_end" -v from="$idle_from" -v to="$idle_to" \
    'BEGIN { x = all - idle / (to - from) * (from - end); printf "%.0f", (x > 0 ? x : 0) }'
}
xact_per_order=$(per_order "$(xact_window)")
echo "   PostgreSQL transactions of the writes: $(xact_window) ($(xact_delta xacts-before xacts-after) counted 11 s" \
  "after, $(xact_delta xacts-before xacts-at-end) at the end), $xact_per_order/order: user" \
  "$(per_order "$(xact_window bench_user_db)"), catalog $(per_order "$(xact_window bench_catalog_db)"), ordering" \
  "$(per_order "$(xact_window bench_ordering_db)"), notification $(per_order "$(xact_window bench_notification_db)")"

# Where the time goes (PROFILE=0 leaves it out): async-profiler (from Maven Central) samples each service's CPU every
# millisecond under PROFILE_S more of the write load, right after the measured writes (their code still as the JIT
# compiled it for them: profiled after the reads, the writes showed a third of their CPU in the JIT compiler), and catalog's
# under PROFILE_S more of the cached reads right after those. Each profile is kept as a flame graph
# (profile-NAME.html) and as collapsed stacks, and summed up by bench/profile-summary.sh. Outside every measured
# window.
profiling=false
if [ "${PROFILE:-1}" != 0 ]; then
  profiling=true
  ./mvnw -B -q -N dependency:copy -Dartifact=tools.profiler:async-profiler:4.2:jar:linux-x64 \
    -DoutputDirectory="$RUN_DIR/profiler" >/dev/null
  unzip -q -o -j "$RUN_DIR/profiler/async-profiler-4.2-linux-x64.jar" linux-x64/libasyncProfiler.so -d "$RUN_DIR/profiler"
  jcmd=$(dirname "$(command -v "$SERVICE_JAVA")")/jcmd; [ -x "$jcmd" ] || jcmd=jcmd
fi
profiler() { # profiler NAME ACTION: the options in double quotes, or jcmd splits them at the commas
  "$jcmd" "${pid_of[$1]}" JVMTI.agent_load "$PWD/$RUN_DIR/profiler/libasyncProfiler.so" "\"$2\"" >/dev/null
}
profiled() { # profiled NAME PROFILE: stop NAME's profiler, keep its flame graph and collapsed stacks
  profiler "$1" "dump,file=$PWD/$RUN_DIR/profile-$2.html"
  profiler "$1" "stop,file=$PWD/$RUN_DIR/profile-$2.collapsed,collapsed"
}
if $profiling; then
  echo "== profile: ${PROFILE_S}s more of the writes, async-profiler 1 ms CPU samples of each service"
  for name in user catalog ordering notification; do profiler "$name" "start,event=cpu,interval=1ms"; done
  write_load "$PROFILE_S" "$RUN_DIR/profile-writes.txt"
  for name in user catalog ordering notification; do profiled "$name" "writes-$name"; done
fi

echo "== reads: GET /products/{id}, warm cache, wrk -t2 -c50 ${READ_S}s"
curl -s "http://127.0.0.1:18002/products/$product" >"$RUN_DIR/product.json"
wrk -t2 -c50 -d"${READ_S}s" --latency "http://127.0.0.1:18002/products/$product" >"$RUN_DIR/reads.txt" 2>&1
reads_rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$RUN_DIR/reads.txt")
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }
reads_p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$RUN_DIR/reads.txt")")
if $profiling; then
  echo "== profile: ${PROFILE_S}s more of the cached reads, async-profiler 1 ms CPU samples of catalog"
  profiler catalog "start,event=cpu,interval=1ms"
  wrk -t2 -c50 -d"${PROFILE_S}s" "http://127.0.0.1:18002/products/$product" >"$RUN_DIR/profile-reads.txt" 2>&1 || true
  profiled catalog reads-catalog
  for profile in writes-user writes-catalog writes-ordering writes-notification reads-catalog; do
    bash bench/profile-summary.sh "$RUN_DIR/profile-$profile.collapsed" "$profile"
  done >"$RUN_DIR/profile-summary.txt"
fi
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

# Reads from PostgreSQL: a page of the public product list, and the first customer's own orders at the default
# page size (it has a sixteenth of every order by now). Each warmed up like the loads above: the paged queries
# and the lists' JSON are paths the other loads did not compile.
token=$(head -n 1 "$RUN_DIR/tokens")
list_read() { # list_read NAME URL [wrk arguments]: "REQ/S P99-MS" after a warm-up
  local name=$1 url=$2; shift 2
  echo "== reads: GET ${url#http://127.0.0.1:1800?}, wrk -t2 -c50 ${WARM_S}s warm-up, ${READ_S}s measured" >&2
  wrk -t2 -c50 -d"${WARM_S}s" "$@" "$url" >"$RUN_DIR/warm-$name.txt" 2>&1 || true
  wrk -t2 -c50 -d"${READ_S}s" --latency "$@" "$url" >"$RUN_DIR/$name.txt" 2>&1 || true
  # an answer other than 200 (an expired token, say) makes the figure meaningless
  if grep -h "Non-2xx" "$RUN_DIR/$name.txt" >&2; then echo "n/a n/a"; return; fi
  echo "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$RUN_DIR/$name.txt")" \
    "$(ms "$(awk '$1 == "99%" { print $2 }' "$RUN_DIR/$name.txt")")"
}
read -r products_rps products_p99 < <(list_read products-list "http://127.0.0.1:18002/products?skip=0&limit=20")
read -r orders_rps orders_p99 < <(list_read orders-list http://127.0.0.1:18003/orders -H "Authorization: Bearer $token")
orders_page=$(curl -s -m 10 -H "Authorization: Bearer $token" http://127.0.0.1:18003/orders | jq length 2>/dev/null || echo "?")
echo "   GET /products: $products_rps req/s, p99 $products_p99 ms; GET /orders ($orders_page orders a page):" \
  "$orders_rps req/s, p99 $orders_p99 ms"

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
  printf "%-52s %12s %12s %7s  %-42s %s\n" "$1" "$2" "$3" \
    "$(awk -v v="$2" -v c="$3" 'BEGIN { if (c + 0 > 0 && v ~ /^[0-9.]+$/) printf "%.1f%%", 100 * v / c; else print "-" }')" "$4" "$5"
}
pass() { awk "BEGIN { exit !($1) }" 2>/dev/null && echo PASS || echo FAIL; }
echo
printf "%-52s %12s %12s %7s  %-42s %s\n" figure value ceiling ratio target result
row "writes: orders/s (POST /orders, 16 clients)" "$orders_s" "$append_tps" ">= 500/s (1,000/s is where we are going)" \
  "$(pass "$orders_s >= 500")"
row "writes: p50 / p95 ms" "$p50 / $p95" "" "" ""
row "writes: p99 ms" "$p99" "" "< 100 ms" "$(pass "$p99 < 100")"
row "order -> read model (in the 201: read-your-writes)" "$p99" "" "p99 < 50 ms" "$(pass "$p99 < 50")"
row "order -> confirmed (status event), p50 ms" "$confirm_p50" "" "" ""
row "order -> confirmed (status event), p99 ms" "$confirm_p99" "" "< 250 ms" "$(pass "$confirm_p99 < 250")"
row "order -> notification recorded, p50 ms" "$notify_p50" "" "" ""
row "order -> notification recorded, p99 ms" "$notify_p99" "" "< 250 ms" "$(pass "$notify_p99 < 250")"
row "every accepted order projected and notified once" "$stored/$read_model/$distinct" "" "all equal, 0 duplicates" "$e2e_ok"
row "measured orders confirmed / rejected / pending" "$confirmed/$rejected/$pending" "" "all $measured confirmed" \
  "$([ "$confirmed" = "$measured" ] && echo PASS || echo FAIL)"
row "cost: services CPU ms/order" "${cost[services]}" "" "<= 4 ms" "$(pass "${cost[services]} <= 4")"
for name in user catalog ordering notification; do
  row "cost: $name CPU ms/order" "${cost[$name]}" "" "measured" ""
done
row "cost: PostgreSQL CPU ms/order" "${cost[postgres]}" "" "measured" ""
row "cost: RabbitMQ CPU ms/order" "${cost[rabbitmq]}" "" "measured" ""
row "cost: PostgreSQL transactions/order" "$xact_per_order" "" "<= 5" "$(pass "$xact_per_order <= 5")"
row "reads: GET /products/{id} req/s (nginx ceiling)" "$reads_rps" "$nginx_rps" ">= 25% of nginx" "$(pass "$reads_rps >= 0.25 * $nginx_rps")"
row "reads: p99 ms" "$reads_p99" "" "< 10 ms" "$(pass "$reads_p99 < 10")"
row "reads: GET /products (20 a page) req/s / p99 ms" "$products_rps / $products_p99" "" "measured" ""
row "reads: GET /orders (own, $orders_page a page) req/s / p99 ms" "$orders_rps / $orders_p99" "" "measured" ""
row "replay: order-view events/s (raw read ceiling)" "$replay_rate" "$replay_ceiling" ">= 20% of the raw read" \
  "$([ -n "$replay_ceiling" ] && pass "$replay_rate >= 0.2 * $replay_ceiling" || echo -)"
for name in user catalog ordering notification; do
  row "$name: start to healthy s / RSS MB after load" "${start_s[$name]} / ${rss_mb[$name]}" "" "<= 10 s, <= 300 MB" \
    "$(pass "${start_s[$name]} <= 10 && ${rss_mb[$name]} <= 300")"
done
# the windows' rates against the measured writes' (the steady state's, in the ceiling column)
row "footprint: orders/s at 0-10 s of load (vs steady)" "${first_rate:-0}" "$orders_s" "measured" ""
row "footprint: orders/s at $last_window s of load (vs steady)" "${early_rate:-0}" "$orders_s" \
  ">= 80% of steady state in the first 30 s" "$(pass "${early_rate:-0} >= 0.8 * $orders_s")"
if [ -s "$RUN_DIR/profile-summary.txt" ]; then
  echo
  echo "Where the CPU goes (flame graphs: $RUN_DIR/profile-*.html)"
  cat "$RUN_DIR/profile-summary.txt"
fi
