#!/usr/bin/env bash
# The default install, tried as a hostile user on this machine would (scripts/e2e.sh runs it against the
# services make run started): the services listen on 127.0.0.1 only, their JVMs exit on OutOfMemoryError,
# the secrets make run generated are owner-only and ignored by git, user-service publishes its public keys
# only, and a token signed with a key from the repository (the old development key, the seed's examples)
# or HMAC-keyed with the published JWKS is refused by every service. Prints what it sent and found.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${RUN_DIR:-.run}
passed=0; failed=0
check() { # check DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "ok   $1";
  else failed=$((failed + 1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}

echo "1. every service listens on 127.0.0.1 only, and its JVM exits on OutOfMemoryError"
for service in user:8001 catalog:8002 ordering:8003 notification:8004; do
  name=${service%%:*} port=${service#*:}
  hex=$(printf '%04X' "$port")
  # listening sockets (state 0A) of the port, IPv4 and IPv6, by local address
  addresses=$(awk -v p=":$hex" '$4 == "0A" && $2 ~ p"$" {print $2}' /proc/net/tcp /proc/net/tcp6 | sort -u | tr '\n' ' ')
  echo "   $name: listening on ${addresses:-nothing} (0100007F = 127.0.0.1, also as ::ffff:127.0.0.1)"
  others=$(tr ' ' '\n' <<<"$addresses" | grep -v -e '^$' -e "^0100007F:$hex$" -e "^0000000000000000FFFF00000100007F:$hex$" | wc -l || true)
  check "$name listens on 127.0.0.1:$port only" "yes 0" "$([ -n "$addresses" ] && echo yes || echo no) $others"
  pid=$(cat "$RUN_DIR/$name.pid")
  check "$name (pid $pid) runs with -XX:+ExitOnOutOfMemoryError" yes \
    "$(tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- '-XX:+ExitOnOutOfMemoryError' && echo yes || echo no)"
done

echo "2. the secrets make run generated"
keys=$RUN_DIR/secrets/jwt-signing-keys.json
check "the secrets folder is the owner's only" 700 "$(stat -c %a "$RUN_DIR/secrets")"
check "the signing key is readable by its owner only" 600 "$(stat -c %a "$keys")"
check "the admin password is readable by its owner only" 600 "$(stat -c %a "$RUN_DIR/secrets/admin-password")"
check "git ignores them" yes "$(git check-ignore -q "$keys" && echo yes || echo no)"

echo "3. user-service publishes its public keys, nothing private"
jwks=$(curl -s http://127.0.0.1:8001/.well-known/jwks.json)
echo "   $(head -c 160 <<<"$jwks")..."
check "the JWKS has an ES256 key with a kid" "ES256 true" "$(jq -r '.keys[0] | "\(.alg) \(.kid != null)"' <<<"$jwks")"
check "no key in it has a private part" 0 "$(jq '[.keys[] | select(.d != null)] | length' <<<"$jwks")"
check "the published kid is the generated key's" "$(jq -r '.keys[0].kid' "$keys")" "$(jq -r '.keys[0].kid' <<<"$jwks")"

echo "4. admin tokens signed with keys from the repository (and with the JWKS itself) are refused everywhere"
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
claims=$(printf '{"iss":"event-commerce","sub":"root","user_id":1,"roles":["admin","user"],"iat":%d,"exp":%d}' \
  "$now" $((now + 600)) | b64url)
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
mapfile -t secrets < <(printf '%s\n' "local-development-secret-key-not-for-production-use" \
  "your-secret-key-change-this-in-production-min-32-characters-required" "your-secret-key-min-32-characters" \
  "integration-test-secret-key-of-at-least-32-bytes" "bench-suite-secret-key-of-at-least-thirty-two-bytes" "$jwks")
for secret in "${secrets[@]}"; do
  token="$header.$claims.$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -hmac "$secret" -binary | b64url)"
  for target in 8001:/users/1 8002:/admin/processors 8003:/admin/processors 8004:/admin/processors; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${target%%:*}${target#*:}" -H "Authorization: Bearer $token")
    check "HS256 keyed with '$(head -c 24 <<<"$secret")...' on :${target%%:*}${target#*:} is 401" 401 "$code"
  done
done
unsigned="$(printf '{"alg":"none"}' | b64url).$claims."
check "an unsigned admin token is 401" 401 \
  "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8003/admin/processors -H "Authorization: Bearer $unsigned")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
