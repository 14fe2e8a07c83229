#!/usr/bin/env bash
# After the end-to-end runs (scripts/e2e.sh calls it last): no signing key, password or password hash in
# any service's log, nor in any answer the e2e scripts saw. Checks the logs in .run/ for the signing key's
# private parts and the admin password that make run generated (.run/secrets), the passwords the scripts
# register users with, bcrypt hashes and JWT-shaped tokens.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=${RUN_DIR:-.run}
keys_file=${JWT_SIGNING_KEYS_FILE:-$RUN_DIR/secrets/jwt-signing-keys.json}
# the private scalar (d) of every signing key
mapfile -t private_keys < <(jq -r '.keys[].d' "$keys_file")
admin_password=${ADMIN_PASSWORD:-$(cat "$RUN_DIR/secrets/admin-password")}
failed=0
for log in "$RUN_DIR"/user*.log "$RUN_DIR"/catalog*.log "$RUN_DIR"/ordering*.log "$RUN_DIR"/notification*.log \
  "$RUN_DIR"/console*.log; do
  [ -f "$log" ] || continue
  lines=$(wc -l <"$log")
  found=""
  for d in "${private_keys[@]}"; do grep -qF -- "$d" "$log" && found+=" signing-key"; done
  grep -qF -- "$admin_password" "$log" && found+=" admin-password"
  grep -qF -- "Test@123" "$log" && found+=" user-password"
  grep -qE -- '\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}' "$log" && found+=" bcrypt-hash"
  grep -qE -- 'eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.' "$log" && found+=" access-token"
  if [ -n "$found" ]; then echo "FAIL $log ($lines lines):$found"; failed=1; else echo "ok   $log ($lines lines): no key, password, hash or token"; fi
done
exit $failed
