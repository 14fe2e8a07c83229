#!/usr/bin/env bash
# The seed's curl flow against the packaged services, as a newcomer would run it after `make run`:
# health, register, login, validate-token; then what the seed never checked: a forged token is refused
# and the user's events are rows in user_db's event table. Starts the services if they are not running
# and stops again what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

USER_URL=${USER_URL:-http://localhost:8001}
passed=0; failed=0
check() { # check DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}

started_here=0
if ! curl -fsS -m 2 "$USER_URL/health" >/dev/null 2>&1; then
  [ -f user-context/target/user-context.jar ] || ./mvnw -B -q -DskipTests package
  bash scripts/services.sh start user
  started_here=1
fi
cleanup() { if [ "$started_here" = 1 ]; then bash scripts/services.sh stop user; fi; }
trap cleanup EXIT

name="smoke_$(date +%s)_$RANDOM"

echo "1. health"
health=$(curl -s "$USER_URL/health")
echo "   $health"
check "user /health is healthy" healthy "$(jq -r .status <<<"$health")"
check "user /health shows the database" connected "$(jq -r .database <<<"$health")"

echo "2. register $name"
register=$(curl -s -w '\n%{http_code}' -X POST "$USER_URL/register" -H "Content-Type: application/json" \
  -d "{\"username\": \"$name\", \"password\": \"Test@123\"}")
body=$(head -n 1 <<<"$register"); echo "   $body"
check "register answers 201" 201 "$(tail -n 1 <<<"$register")"
user_id=$(jq -r .id <<<"$body")
check "register returns an integer id" number "$(jq -r '.id | type' <<<"$body")"
check "register returns the user's fields" "$name true" "$(jq -r '"\(.username) \(.is_active)"' <<<"$body")"
check "register never returns a password" "null null" "$(jq -r '"\(.password) \(.password_hash)"' <<<"$body")"
check "a second register of the name is 409" 409 "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
  "$USER_URL/register" -H "Content-Type: application/json" -d "{\"username\": \"$name\", \"password\": \"Test@123\"}")"

echo "3. login"
login=$(curl -s -X POST "$USER_URL/login" -H "Content-Type: application/x-www-form-urlencoded" \
  -d "username=$name&password=Test@123")
TOKEN=$(jq -r .access_token <<<"$login")
check "login returns a bearer token" bearer "$(jq -r .token_type <<<"$login")"
check "a wrong password is 401" 401 "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$USER_URL/login" \
  -H "Content-Type: application/x-www-form-urlencoded" -d "username=$name&password=wrong-password")"

echo "4. validate-token"
validation=$(curl -s -X POST "$USER_URL/validate-token" -H "Content-Type: application/json" \
  -d "{\"token\": \"$TOKEN\"}")
echo "   $validation"
check "the token is valid for the user" "true $user_id $name" \
  "$(jq -r '"\(.valid) \(.user_id) \(.username)"' <<<"$validation")"
check "GET /users/me with the token is the user" "$name" \
  "$(curl -s "$USER_URL/users/me" -H "Authorization: Bearer $TOKEN" | jq -r .username)"

echo "5. forged tokens"
header=$(printf '{"alg":"none"}' | base64 -w0 | tr '+/' '-_' | tr -d '=')
payload=$(printf '{"sub":"%s","user_id":%s,"roles":["admin"]}' "$name" "$user_id" | base64 -w0 | tr '+/' '-_' | tr -d '=')
check "an unsigned (alg none) token is 401" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$USER_URL/users/me" \
  -H "Authorization: Bearer $header.$payload.")"
signature=${TOKEN##*.}
if [ "${signature:0:1}" = A ]; then other=B; else other=A; fi
check "a token with a changed signature is 401" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$USER_URL/users/me" \
  -H "Authorization: Bearer ${TOKEN%.*}.$other${signature:1}")"
check "validate-token says a forged token is invalid" false "$(curl -s -X POST "$USER_URL/validate-token" \
  -H "Content-Type: application/json" -d "{\"token\": \"$header.$payload.\"}" | jq -r .valid)"

echo "6. the user's events in user_db"
events=$(psql -qtA -h 127.0.0.1 -U postgres user_db -c \
  "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = '$user_id' ORDER BY sequencenumber")
echo "   $events"
check "user_db holds the UserRegistered event" dev.eventcommerce.user.api.UserRegistered "$events"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
