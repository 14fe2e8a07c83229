#!/usr/bin/env bash
# Kills a service with SIGKILL (or stops PostgreSQL for a few seconds: every service must report it on
# /health and recover by itself) while several clients place orders, restarts it, and checks that
# nothing acknowledged is lost and nothing is done twice:
#   scripts/fault-kill.sh ordering|notification|postgres
# - every order that got a 201 is in the read model and in its history;
# - every OrderPlaced in the event store (also those whose 201 was lost with the process) is in the read
#   model and has exactly one notification; nothing half-done.
# Needs the four services running (scripts/e2e.sh runs it). Only kills the pid that services.sh started.
set -euo pipefail
cd "$(dirname "$0")/.."

VICTIM=${1:-ordering}
CLIENTS=${CLIENTS:-4} PER_CLIENT=${PER_CLIENT:-100} KILL_AFTER=${KILL_AFTER:-2}
# ordering-2 etc.: one instance of a scaled-out service (make run REPLICAS=2)
case "$VICTIM" in ordering|notification|postgres|ordering-[1-9]|notification-[1-9]) ;;
  *) echo "usage: $0 ordering|notification|postgres|ordering-N|notification-N" >&2; exit 2 ;; esac
work=$(mktemp -d)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
# whatever happens, PostgreSQL runs again at the end
trap 'rm -rf "$work"; pg_isready -q -h 127.0.0.1 || as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start' EXIT

name="kill_${VICTIM}_$(date +%s)_$RANDOM"
curl -s -o /dev/null -X POST http://localhost:8001/register -H "Content-Type: application/json" \
  -d "{\"username\": \"$name\", \"password\": \"Test@123\"}"
TOKEN=$(curl -s -X POST http://localhost:8001/login -d "username=$name&password=Test@123" | jq -r .access_token)
USER_ID=$(curl -s http://localhost:8001/users/me -H "Authorization: Bearer $TOKEN" | jq -r .id)
PRODUCT_ID=$(curl -s -X POST http://localhost:8002/products -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" -d '{"name": "Kill Test Product", "price": 4.99, "quantity": 100000}' | jq -r .id)

client() { # places PER_CLIENT orders, one line per answer: "<status> <order id or ->"; after each 201 the order
  # is read back at once (through the balancer, so possibly from another instance): a 404 there is a false one
  for _ in $(seq 1 "$PER_CLIENT"); do
    answer=$(curl -s -m 10 -w '\n%{http_code}' -X POST http://localhost:8003/orders -H "Content-Type: application/json" \
      -H "Authorization: Bearer $TOKEN" -d "{\"product_id\": $PRODUCT_ID, \"quantity\": 1}" || true)
    code=$(tail -n 1 <<<"$answer")
    if [ "$code" = 201 ]; then
      id=$(head -n 1 <<<"$answer" | jq -r .id)
      echo "201 $id"
      read_back=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "http://localhost:8003/orders/$id" -H "Authorization: Bearer $TOKEN" || true)
      [ "$read_back" = 404 ] && echo "$id" >>"$work/false-404-$1"
    else echo "${code:-000} -"; sleep 0.2; fi
  done >"$work/client-$1"
}
for c in $(seq 1 "$CLIENTS"); do client "$c" & done

sleep "$KILL_AFTER"
if [ "$VICTIM" = postgres ]; then
  echo "stopping PostgreSQL $pg_version for ${PG_DOWN:-3} s while $CLIENTS clients place orders"
  as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main stop
  sleep 1
  down=""
  for port in 8001 8002 8003 8004; do down+="$port:$(curl -s -m 5 "http://localhost:$port/health" | jq -r .status) "; done
  echo "/health while PostgreSQL is down: $down"
  sleep "${PG_DOWN:-3}"
  as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
  recovered=""
  for port in 8001 8002 8003 8004; do
    for _ in $(seq 1 60); do
      [ "$(curl -s -m 2 "http://localhost:$port/health" | jq -r .status 2>/dev/null)" = healthy ] && { recovered+="$port "; break; }
      sleep 0.5
    done
  done
  echo "/health healthy again without a restart of any service: $recovered"
  [ "$(grep -o unhealthy <<<"$down" | wc -l)" = 4 ] || { echo "FAIL not every service reported PostgreSQL down" >&2; exit 1; }
  [ "$(wc -w <<<"$recovered")" = 4 ] || { echo "FAIL not every service recovered within 30 s" >&2; exit 1; }
else
  victim_pid=$(cat ".run/$VICTIM.pid")
  echo "kill -9 $VICTIM (pid $victim_pid) while $CLIENTS clients place orders"
  killed_at=$(date +%s.%N)
  kill -9 "$victim_pid"
  if [[ "$VICTIM" == *-[1-9] ]]; then
    # one instance of several: the others must take its segments over, within the claim timeout and a bit
    service=${VICTIM%-[1-9]} base=$([ "${VICTIM%-[1-9]}" = ordering ] && echo 8003 || echo 8004)
    admin=$(curl -s -X POST http://localhost:8001/login --data-urlencode username=admin \
      --data-urlencode "password=$(cat .run/secrets/admin-password)" | jq -r .access_token)
    taken=""
    for _ in $(seq 1 150); do
      owners=$(curl -s -m 2 "http://localhost:$base/admin/processors" -H "Authorization: Bearer $admin" \
        | jq -r '[.[].segments[] | .owner // "none"] | join(" ")' 2>/dev/null || true)
      if [ -n "$owners" ] && ! grep -qE "(^| )$victim_pid@|none" <<<"$owners"; then taken=yes; break; fi
      sleep 0.2
    done
    took=$(awk -v s="$killed_at" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    echo "take-over: every $service segment held by a live instance ${took} s after the kill (owners: $owners)"
    [ -n "$taken" ] || { echo "FAIL the segments of $VICTIM were not taken over within 30 s" >&2; exit 1; }
  else
    sleep 2
  fi
  bash scripts/services.sh start "$VICTIM" >/dev/null
  echo "$VICTIM restarted"
fi
wait

sent=$(cat "$work"/client-* | wc -l)
false_404=$({ cat "$work"/false-404-* 2>/dev/null || true; } | wc -l)
accepted=$(grep -c '^201 ' "$work"/client-* | awk -F: '{s+=$2} END {print s}')
# comm needs lexical order: every id list below is sorted with plain sort
grep -h '^201 ' "$work"/client-* | awk '{print $2}' | sort >"$work/accepted"

# Wait (bounded) until the bridge and the consumer have caught up with every order in the event store.
stored=$(psql -qtA -h 127.0.0.1 -U postgres ordering_db -c "SELECT count(*) FROM domainevententry
  WHERE payloadtype LIKE '%OrderPlaced' AND convert_from(payload, 'UTF8')::jsonb ->> 'userId' = '$USER_ID'")
# Counted in notification_db itself: paging GET /notifications while notifications still arrive would
# shift rows between pages and show duplicates and gaps that are not there.
notified_ids() {
  psql -qtA -h 127.0.0.1 -U postgres notification_db -c "SELECT order_id FROM notifications WHERE user_id = $USER_ID"
}
deadline=$((SECONDS + 120))
while [ $SECONDS -lt $deadline ]; do
  notified_ids | sort >"$work/notified"
  [ "$(sort -u "$work/notified" | wc -l)" -ge "$stored" ] && break
  sleep 1
done
sleep 2  # anything still in flight would show as a duplicate now
notified_ids | sort >"$work/notified"
api_count=$(curl -s "http://localhost:8004/notifications?limit=100" -H "Authorization: Bearer $TOKEN" | jq length)
psql -qtA -h 127.0.0.1 -U postgres ordering_db -c "SELECT id FROM orders WHERE user_id = $USER_ID" | sort >"$work/read-model"

in_read_model=$(comm -23 "$work/accepted" "$work/read-model" | wc -l)
missing_history=0
for id in $(shuf -n 20 "$work/accepted" 2>/dev/null || true); do
  [ "$(curl -s "http://localhost:8003/orders/$id/history" -H "Authorization: Bearer $TOKEN" | jq -r '.[0].event_type')" = OrderPlaced ] \
    || missing_history=$((missing_history + 1))
done
notifications=$(wc -l <"$work/notified")
distinct=$(sort -u "$work/notified" | wc -l)
duplicated=$((notifications - distinct))
lost=$(comm -23 "$work/read-model" <(sort -u "$work/notified") | wc -l)
read_model=$(wc -l <"$work/read-model")
echo "sent $sent, 201 $accepted, refused or failed $((sent - accepted)); stored $stored, in the read model $read_model,"
echo "accepted but missing from the read model $in_read_model, history missing (20 sampled) $missing_history,"
echo "notifications $notifications: lost $lost, duplicated $duplicated (GET /notifications answers the newest $api_count);"
echo "orders read back at once after their 201: $false_404 answered 404"
if [ "$in_read_model" != 0 ] || [ "$missing_history" != 0 ] || [ "$false_404" != 0 ] || [ "$lost" != 0 ] || [ "$duplicated" != 0 ] \
   || [ "$read_model" != "$stored" ] || [ "$accepted" = 0 ] || [ "$api_count" != "$(( distinct < 100 ? distinct : 100 ))" ]; then
  echo "FAIL: $VICTIM: something was lost or doubled"
  exit 1
fi
echo "ok   $([ "$VICTIM" = postgres ] && echo "PostgreSQL stopped and started" || echo "kill -9 of $VICTIM"): 0 lost, 0 duplicated"
