#!/usr/bin/env bash
# End-to-end checks against the packaged services: scripts/smoke.sh (the seed's curl steps, checked one
# by one), scripts/integration-test.sh (the seed's integration test) and scripts/fault-rabbitmq.sh (RabbitMQ
# stopped while orders are placed: no notification lost or doubled). Uses the services of `make run`
# when they answer; otherwise starts them and stops them again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

started=()
for service in user:8001 catalog:8002 ordering:8003 notification:8004; do
  name=${service%%:*} port=${service#*:}
  if ! curl -fsS -m 2 "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    started+=("$name")
  fi
done
if [ ${#started[@]} -gt 0 ]; then
  ls ./*-context/target/*-context.jar >/dev/null 2>&1 || ./mvnw -B -q -DskipTests package
  bash scripts/services.sh start "${started[@]}"
fi
cleanup() { if [ ${#started[@]} -gt 0 ]; then bash scripts/services.sh stop "${started[@]}"; fi; }
trap cleanup EXIT

bash scripts/smoke.sh
bash scripts/integration-test.sh
bash scripts/fault-rabbitmq.sh
