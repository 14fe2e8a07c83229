#!/usr/bin/env bash
# The operations console in a real browser (console/e2e, Node's test runner driving Debian's Chromium through
# playwright-core) against the running system: the console on CONSOLE_URL (8005) and the four services, as
# `make run` or scripts/e2e.sh start them. Logs in as the admin (ADMIN_PASSWORD, by default the one make run
# generated), replays a processor, plants dead letters into order_notifications.dlq and retries / discards them,
# finds an order and a product, checks the health page, and that strangers and non-admins get nothing.
# Installs what is missing first: Chromium (the Debian package) and the pinned npm packages (npm ci, from
# console/e2e/package-lock.json; no browser or Node download). Screenshots go to .run/console-e2e/;
# SCREENSHOT_DIR=docs/console refreshes the README's. CONSOLE_URL, USER_URL, CATALOG_URL, ORDERING_URL,
# NOTIFICATION_URL, AMQP_URL (amqp://guest:guest@127.0.0.1:5672/) and NOTIFICATION_DB (notification_db) point it
# at another stack.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "installing chromium (Debian package)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing nodejs and npm (Debian packages)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

E2E=$ROOT/console/e2e
# npm ci again only when the lock file changed since the last install
if ! cmp -s "$E2E/package-lock.json" "$E2E/node_modules/.package-lock.json.installed" 2>/dev/null; then
  (cd "$E2E" && timeout 300 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$E2E/package-lock.json" "$E2E/node_modules/.package-lock.json.installed"
fi

export CONSOLE_URL=${CONSOLE_URL:-http://127.0.0.1:8005}
export USER_URL=${USER_URL:-http://127.0.0.1:8001} CATALOG_URL=${CATALOG_URL:-http://127.0.0.1:8002}
export ORDERING_URL=${ORDERING_URL:-http://127.0.0.1:8003} NOTIFICATION_URL=${NOTIFICATION_URL:-http://127.0.0.1:8004}
if [ -z "${ADMIN_PASSWORD:-}" ] && [ -s "${RUN_DIR:-$ROOT/.run}/secrets/admin-password" ]; then
  ADMIN_PASSWORD=$(cat "${RUN_DIR:-$ROOT/.run}/secrets/admin-password")
fi
export ADMIN_PASSWORD

for url in "$USER_URL" "$CATALOG_URL" "$ORDERING_URL" "$NOTIFICATION_URL" "$CONSOLE_URL"; do
  if ! curl -fsS -m 2 "$url/health" >/dev/null 2>&1; then
    echo "nothing healthy at $url: start the services first (make run)" >&2
    exit 1
  fi
done

echo "console browser tests against $CONSOLE_URL (chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}'))"
cd "$E2E"
timeout "${CONSOLE_E2E_TIMEOUT:-900}" node --test --test-concurrency=1 --test-reporter=spec tests/console.test.mjs
