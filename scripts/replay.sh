#!/usr/bin/env bash
# Rebuilds one read model by replaying its processor from the first event, through the service's
# operations API, with a progress bar; then prints the events per second.
#   scripts/replay.sh SERVICE PROCESSOR      e.g.  scripts/replay.sh ordering order-view
# The admin's credentials come from ADMIN_USERNAME / ADMIN_PASSWORD, by default those make run generated
# (.run/secrets/admin-password).
set -euo pipefail

SERVICE=${1:-} PROCESSOR=${2:-}
declare -A PORTS=([user]=8001 [catalog]=8002 [ordering]=8003 [notification]=8004)
if [ -z "$SERVICE" ] || [ -z "${PORTS[$SERVICE]:-}" ] || [ -z "$PROCESSOR" ]; then
  echo "usage: $0 user|catalog|ordering|notification PROCESSOR   (make replay SERVICE=ordering PROCESSOR=order-view)" >&2
  exit 2
fi
BASE=${BASE_URL:-http://localhost:${PORTS[$SERVICE]}}
USER_URL=${USER_URL:-http://localhost:8001}
TIMEOUT=${REPLAY_TIMEOUT:-3600}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${ADMIN_PASSWORD:-}" ] && [ -s "${RUN_DIR:-$ROOT/.run}/secrets/admin-password" ]; then
  ADMIN_PASSWORD=$(cat "${RUN_DIR:-$ROOT/.run}/secrets/admin-password")
fi
TOKEN=$(curl -s -X POST "$USER_URL/login" --data-urlencode "username=${ADMIN_USERNAME:-admin}" \
  --data-urlencode "password=${ADMIN_PASSWORD:-}" | jq -r .access_token)
if [ -z "$TOKEN" ] || [ "$TOKEN" = null ]; then
  echo "cannot log in as the admin at $USER_URL (set ADMIN_USERNAME / ADMIN_PASSWORD)" >&2
  exit 1
fi

status() {
  local answer
  answer=$(curl -s -w '\n%{http_code}' "$BASE/admin/processors/$PROCESSOR" -H "Authorization: Bearer $TOKEN")
  if [ "$(tail -n 1 <<<"$answer")" != 200 ]; then
    echo; echo "status of $PROCESSOR failed: $(head -n 1 <<<"$answer")" >&2; exit 1
  fi
  head -n 1 <<<"$answer"
}

start=$(date +%s.%N)
answer=$(curl -s -w '\n%{http_code}' -X POST "$BASE/admin/processors/$PROCESSOR/replay" -H "Authorization: Bearer $TOKEN")
if [ "$(tail -n 1 <<<"$answer")" != 202 ]; then
  echo "replay of $PROCESSOR on $SERVICE refused: $(head -n 1 <<<"$answer" | jq -r '.detail // .')" >&2
  exit 1
fi
head=$(head -n 1 <<<"$answer" | jq -r .head)
echo "replaying $PROCESSOR on $SERVICE: $head events"

width=40 deadline=$((SECONDS + TIMEOUT))
while :; do
  current=$(status)
  replaying=$(jq -r .replaying <<<"$current")
  position=$(jq -r '.position // 0' <<<"$current")
  progress=$(jq -r 'if .replaying then (.replay_progress // 0) else 1 end' <<<"$current")
  filled=$(awk -v p="$progress" -v w="$width" 'BEGIN { printf "%d", p * w }')
  bar=$(printf '%*s' "$filled" '' | tr ' ' '#')$(printf '%*s' $((width - filled)) '' | tr ' ' '-')
  printf '\r[%s] %5.1f%%  position %s of %s' "$bar" "$(awk -v p="$progress" 'BEGIN { print p * 100 }')" "$position" "$head"
  if [ "$replaying" = false ] && [ "$position" -ge "$head" ]; then break; fi
  if [ $SECONDS -ge $deadline ]; then echo; echo "replay still running after ${TIMEOUT}s" >&2; exit 1; fi
  sleep 0.2
done
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
echo
awk -v n="$head" -v t="$elapsed" 'BEGIN { printf "replayed %d events in %.2f s: %.0f events/s\n", n, t, (t > 0 ? n / t : n) }'
