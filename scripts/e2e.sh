#!/usr/bin/env bash
# End-to-end checks against the packaged services: scripts/smoke.sh (the seed's curl steps, checked one
# by one), scripts/security-e2e.sh (bound to 127.0.0.1, generated secrets, no repository key signs), scripts/integration-test.sh (the seed's integration test), scripts/observability-e2e.sh (one trace
# from POST /orders to the notification consumer, metrics with real values, dashboards and compose checked), scripts/fault-rabbitmq.sh (RabbitMQ
# stopped while orders are placed), scripts/fault-kill.sh (ordering, then notification, killed with
# SIGKILL under load, then PostgreSQL restarted under load), scripts/fault-catalog.sh (catalog down: a known product still ordered, an unknown one 503 with no event) and scripts/fault-redis.sh
# (Redis stopped: reads from PostgreSQL, then the cache resumes), scripts/stock-race.sh (100 orders racing
# for 10 in stock, also with catalog killed in the middle), scripts/console-e2e.sh (the operations console in a
# browser: login, processors and a replay, dead letters retried and discarded, orders, products, health) and last
# scripts/secrets-in-logs.sh (no key,
# password, hash or token in any service's log): each prints what it sent and found. Always tests the freshly built jars:
# services of an earlier `make run` are restarted with them (and left running); services it started
# itself are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

running=()
for service in user:8001 catalog:8002 ordering:8003 notification:8004 console:8005; do
  curl -fsS -m 2 "http://127.0.0.1:${service#*:}/health" >/dev/null 2>&1 && running+=("${service%%:*}")
done
ls ./*-context/target/*-context.jar >/dev/null 2>&1 || ./mvnw -B -q -DskipTests package
# login and registration throttles live in Redis: this run's counts start afresh, apart from other runs'
export EVENTCOMMERCE_USERS_THROTTLE_KEY_PREFIX="throttle:e2e-$(date +%s)-$$:"
REPLICAS=1 bash scripts/services.sh start
cleanup() {
  # a scaled-out part that failed half-way: all its instances and the balancer go, the services that ran
  # before come back as they were
  if [ "$(cat .run/replicas 2>/dev/null || echo 1)" != 1 ]; then
    bash scripts/services.sh stop || true
    [ ${#running[@]} -eq 0 ] || REPLICAS=1 bash scripts/services.sh start "${running[@]}" >/dev/null || true
    return 0
  fi
  for name in user catalog ordering notification console; do
    [[ " ${running[*]} " == *" $name "* ]] || bash scripts/services.sh stop "$name"
  done
}
trap cleanup EXIT

bash scripts/smoke.sh
bash scripts/security-e2e.sh
bash scripts/integration-test.sh
bash scripts/observability-e2e.sh
bash scripts/fault-rabbitmq.sh
bash scripts/fault-kill.sh ordering
bash scripts/fault-kill.sh notification
bash scripts/fault-kill.sh postgres
bash scripts/fault-catalog.sh
bash scripts/fault-redis.sh
bash scripts/stock-race.sh
# the operations console in a browser (Chromium), on the data the runs above left
bash scripts/console-e2e.sh

# The same system scaled out: two instances of every service behind HAProxy, and the fault, race, replay and
# read-your-writes checks on them
bash scripts/services.sh stop
REPLICAS=2 bash scripts/services.sh start
REPLICAS=2 bash scripts/scale-out.sh
bash scripts/fault-kill.sh ordering-2
CATALOG_UNIT=catalog-1 bash scripts/stock-race.sh
# the console over both instances of every service (a replay started on one, the other's segments rebuilt too)
bash scripts/console-e2e.sh
REPLICAS=2 bash scripts/services.sh stop
REPLICAS=1 bash scripts/services.sh start >/dev/null
bash scripts/secrets-in-logs.sh
