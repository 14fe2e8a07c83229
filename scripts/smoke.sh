#!/usr/bin/env bash
# The seed's curl flow against the packaged services, as a newcomer would run it after `make run`:
# health, register, login, validate-token, create a product, list, get; then what the seed never
# checked: a forged token is refused, the events are rows in the contexts' event tables, and updates
# and deletions are visible at once through the cache. Starts the services if they are not running
# and stops again what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

USER_URL=${USER_URL:-http://localhost:8001}
CATALOG_URL=${CATALOG_URL:-http://localhost:8002}
passed=0; failed=0
check() { # check DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}


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

echo "7. create a product with the token, list, get (the seed's steps 5-7)"
product=$(curl -s -w '\n%{http_code}' -X POST "$CATALOG_URL/products" -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" \
  -d '{"name": "Test Product", "description": "A test product", "price": 99.99, "quantity": 10}')
body=$(head -n 1 <<<"$product"); echo "   $body"
check "create product answers 201" 201 "$(tail -n 1 <<<"$product")"
product_id=$(jq -r .id <<<"$body")
check "the product has the seed's fields" "Test Product|A test product|99.99|10" \
  "$(jq -r '"\(.name)|\(.description)|\(.price)|\(.quantity)"' <<<"$body")"
listed=false
for page in $(seq 0 99); do  # bounded: the first 10,000 products
  ids=$(curl -s "$CATALOG_URL/products?skip=$((page * 100))&limit=100" | jq -r '.[].id')
  if grep -qx "$product_id" <<<"$ids"; then listed=true; break; fi
  [ "$(wc -w <<<"$ids")" -lt 100 ] && break
done
check "the product is in the public list" true "$listed"
check "GET the product answers it" "$body" "$(curl -s "$CATALOG_URL/products/$product_id")"
check "the product is cached under product:{id}" "Test Product" \
  "$(redis-cli -h 127.0.0.1 get "product:$product_id" | jq -r .name)"
check "creating without a token is 401" 401 "$(curl -s -o /dev/null -w '%{http_code}' -X POST \
  "$CATALOG_URL/products" -H "Content-Type: application/json" -d '{"name": "Unauthorized", "price": 10, "quantity": 1}')"

echo "8. update and delete, visible at once through the cache"
curl -s -o /dev/null -X PUT "$CATALOG_URL/products/$product_id" -H "Content-Type: application/json" \
  -H "Authorization: Bearer $TOKEN" -d '{"price": 89.5}'
check "GET right after the update shows the new price" '"price":89.50' \
  "$(curl -s "$CATALOG_URL/products/$product_id" | grep -o '"price":[0-9.]*')"
check "delete answers 204" 204 "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE \
  "$CATALOG_URL/products/$product_id" -H "Authorization: Bearer $TOKEN")"
check "GET right after the delete is 404" 404 "$(curl -s -o /dev/null -w '%{http_code}' "$CATALOG_URL/products/$product_id")"
check "the cache entry is gone" 0 "$(redis-cli -h 127.0.0.1 exists "product:$product_id")"
events=$(psql -qtA -h 127.0.0.1 -U postgres catalog_db -c "SELECT string_agg(payloadtype, ' ' ORDER BY sequencenumber)
  FROM domainevententry WHERE aggregateidentifier = '$product_id'")
check "catalog_db holds the product's events" \
  "dev.eventcommerce.catalog.api.ProductCreated dev.eventcommerce.catalog.api.ProductUpdated dev.eventcommerce.catalog.api.ProductDeleted" \
  "$events"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
