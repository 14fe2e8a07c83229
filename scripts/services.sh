#!/usr/bin/env bash
# Starts, stops and reports the services as background processes, with logs and pids in .run/.
#   services.sh start|stop|status|logs [service...]
# REPLICAS=N (1-9, default 1) runs N instances of every service, instance i of a service on its port + 100 * i
# (user-1 on 8101, user-2 on 8201, ...), behind a local HAProxy on the usual ports 8001-8004, so that clients
# see one address per service; a name given may be a service (all its instances) or one instance (ordering-2).
# The operations console (console/, on 8005) starts after them, always one instance, given every instance's URL.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUN_DIR=${RUN_DIR:-$ROOT/.run}
# name:module:port, in start order. A service whose jar was not built (an empty module) is skipped.
ALL_SERVICES=(user:user-context:8001 catalog:catalog-context:8002 ordering:ordering-context:8003
  notification:notification-context:8004)
# the operations console: one instance whatever REPLICAS says (its sessions live in its memory)
CONSOLE=console:console:${CONSOLE_PORT:-8005}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-120}
# SERVICE_JAVA, JAVA_OPTS (and MALLOC_ARENA_MAX), the class archives under $RUN_DIR/cache
ARCHIVE_DIR=${ARCHIVE_DIR:-$RUN_DIR/cache}
# shellcheck source=scripts/jvm.sh
. "$ROOT/scripts/jvm.sh"
# the local profile binds every service to 127.0.0.1 (BIND_ADDRESS=0.0.0.0 to serve the network)
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-local}
export AXONIQ_UPDATE_CHECKER_DISABLED=true

mkdir -p "$RUN_DIR"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# Secrets of this checkout, made on first use and readable by its owner only: the token signing key (user-service
# signs, the others fetch its public keys) and the admin's password. JWT_SIGNING_KEYS_FILE / ADMIN_PASSWORD given
# in the environment win. Nothing in the repository is a usable secret.
SECRETS_DIR=$RUN_DIR/secrets
secrets() {
  (umask 077; mkdir -p "$SECRETS_DIR")
  if [ -z "${JWT_SIGNING_KEYS_FILE:-}${JWT_SIGNING_KEYS:-}" ]; then
    export JWT_SIGNING_KEYS_FILE=$SECRETS_DIR/jwt-signing-keys.json
    [ -s "$JWT_SIGNING_KEYS_FILE" ] || java "$ROOT/scripts/GenerateSigningKey.java" "$JWT_SIGNING_KEYS_FILE" >/dev/null
  fi
  if [ -z "${ADMIN_PASSWORD:-}" ]; then
    if [ ! -s "$SECRETS_DIR/admin-password" ]; then
      (umask 077; head -c 18 /dev/urandom | base64 | tr '+/' 'xy' >"$SECRETS_DIR/admin-password")
    fi
    ADMIN_PASSWORD=$(cat "$SECRETS_DIR/admin-password")
    export ADMIN_PASSWORD
  fi
}

# The number of instances: as given, else as the last start left it.
replicas() {
  local n=${REPLICAS:-$(cat "$RUN_DIR/replicas" 2>/dev/null || echo 1)}
  [[ "$n" =~ ^[1-9]$ ]] || { echo "REPLICAS must be 1 to 9, not '$n'" >&2; exit 2; }
  echo "$n"
}

# unit:module:port of every instance (a unit is a service, or with REPLICAS > 1 one instance of it)
units() {
  local n; n=$(replicas)
  for entry in "${ALL_SERVICES[@]}"; do
    IFS=: read -r name module port <<<"$entry"
    if [ "$n" -eq 1 ]; then echo "$name:$module:$port"
    else for i in $(seq 1 "$n"); do echo "$name-$i:$module:$((port + 100 * i))"; done; fi
  done
  echo "$CONSOLE"
}

# CONSOLE_<SERVICE>_URLS for the console: every instance's own URL (not the balancer's), so that it shows each
console_urls() {
  local n; n=$(replicas)
  for entry in "${ALL_SERVICES[@]}"; do
    IFS=: read -r name module port <<<"$entry"
    local urls=()
    if [ "$n" -eq 1 ]; then urls=("http://127.0.0.1:$port")
    else for i in $(seq 1 "$n"); do urls+=("http://127.0.0.1:$((port + 100 * i))"); done; fi
    printf 'CONSOLE_%s_URLS=%s\n' "${name^^}" "$(IFS=,; echo "${urls[*]}")"
  done
}

selected() {
  local wanted=("$@")
  while IFS=: read -r unit module port; do
    local service=${unit%-[0-9]}
    if [ ${#wanted[@]} -eq 0 ] || [[ " ${wanted[*]} " == *" $unit "* ]] || [[ " ${wanted[*]} " == *" $service "* ]]; then
      echo "$unit:$module:$port"
    fi
  done < <(units)
}

jar_of() { jar_path "$1"; }
pid_of() { [ -f "$RUN_DIR/$1.pid" ] && cat "$RUN_DIR/$1.pid" || true; }
# alive only if the pid still runs one of our jars: a pid file can outlive its process (a reboot), and
# the number may since belong to someone else's process, which must never be signalled
alive() {
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null |
    grep -q -e "-context.jar" -e "/console.jar"
}
healthy() { curl -fsS -m 2 "http://127.0.0.1:$1/health" >/dev/null 2>&1; }

start() {
  local started=()
  secrets
  local previous; previous=$(cat "$RUN_DIR/replicas" 2>/dev/null || echo 1)
  if [ "$previous" != "$(replicas)" ]; then
    echo "switching from $previous to $(replicas) instances per service: stopping the old ones"
    REPLICAS=$previous stop
  fi
  replicas >"$RUN_DIR/replicas.tmp" && mv "$RUN_DIR/replicas.tmp" "$RUN_DIR/replicas"
  if [ "$(replicas)" -gt 1 ]; then
    # behind the balancer a client's address is the one it forwards (for the login throttle's per-client counts)
    export SERVER_FORWARD_HEADERS_STRATEGY=native
    # (4 services x N instances + the console) x pool <= 80 of PostgreSQL's 100 connections: the rest for a
    # class-archive training run, psql and the tests
    export DB_POOL_SIZE=${DB_POOL_SIZE:-$(( 80 / (4 * $(replicas) + 1) ))}
  fi
  while IFS=: read -r name module port; do
    local jar; jar=$(jar_of "$module")
    [ -f "$jar" ] || continue
    if alive "$name"; then
      echo "$name already running (pid $(pid_of "$name")); restarting it with the current build"
      stop_one "$name"
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is taken by another process: cannot start $name" >&2
      return 1
    fi
    # shellcheck disable=SC2086
    # instances on one host carry distinct metric labels: host:port
    local instance=()
    [ "$(replicas)" -gt 1 ] && instance=(EVENTCOMMERCE_INSTANCE="$(hostname):$port")
    if [ "$module" = console ]; then mapfile -t instance < <(console_urls); instance+=(CONSOLE_PORT="$port"); fi
    # (worked out before the fork: until the child has become java, alive() must see the jar in its command line)
    local launch; launch=$(launch_args "$module")
    env "${instance[@]}" PORT="$port" nohup "$SERVICE_JAVA" $JAVA_OPTS -Daxoniq.update-checker.disabled=true \
      -Ddisable-axoniq-console-message=true $launch >>"$RUN_DIR/$name.log" 2>&1 &
    echo $! >"$RUN_DIR/$name.pid"
    started+=("$name:$port")
  done < <(selected "$@")
  local failed=0
  for entry in "${started[@]}"; do
    local name=${entry%%:*} port=${entry##*:} waited=0
    until healthy "$port"; do
      if ! alive "$name"; then
        echo "$name exited during start; the end of $RUN_DIR/$name.log:" >&2
        tail -n 30 "$RUN_DIR/$name.log" >&2
        failed=1; break
      fi
      if [ "$waited" -ge "$HEALTH_TIMEOUT" ]; then
        echo "$name not healthy after ${HEALTH_TIMEOUT}s; see $RUN_DIR/$name.log" >&2
        failed=1; break
      fi
      sleep 1; waited=$((waited + 1))
    done
    healthy "$port" && echo "$name healthy on http://127.0.0.1:$port (pid $(pid_of "$name"))"
  done
  [ "$failed" -eq 0 ] && balancer
  [ "$failed" -eq 0 ] && archive_later "$@"
  return $failed
}

# A started module without a current class archive (a fresh clone, a new build) gets one made in the background,
# at low priority and after the starts, so that this start is no slower and the next one uses it; one training
# at a time (each is a JVM start: ~1 CPU-minute with the JDK 25's cache).
archive_later() {
  local modules=() module
  while IFS=: read -r _ module _; do
    if [ -f "$(jar_of "$module")" ] && ! archived "$module" && [[ " ${modules[*]} " != *" $module "* ]]; then
      modules+=("$module")
    fi
  done < <(selected "$@")
  [ ${#modules[@]} -gt 0 ] || return 0
  # one background training at a time (a start during one, as scripts/e2e.sh does, leaves it be)
  local running; running=$(cat "$ARCHIVE_DIR/training.pid" 2>/dev/null || true)
  if [ -n "$running" ] && kill -0 "$running" 2>/dev/null; then return 0; fi
  mkdir -p "$ARCHIVE_DIR"
  echo "making the class archives of ${modules[*]} in the background for the next start ($ARCHIVE_DIR)"
  (renice -n 10 -p "$BASHPID" >/dev/null 2>&1 || true
    for module in "${modules[@]}"; do PORT=0 train "$module" 2>/dev/null || true; done
    rm -f "$ARCHIVE_DIR/training.pid") </dev/null >/dev/null 2>&1 &
  echo $! >"$ARCHIVE_DIR/training.pid"
  return 0
}

# With REPLICAS > 1, HAProxy on the usual ports in front of the instances (started, or reloaded with the
# current instances); with one instance per service, none (the services are on the usual ports).
balancer() {
  local n; n=$(replicas)
  if [ "$n" -eq 1 ]; then stop_balancer; return 0; fi
  if ! command -v haproxy >/dev/null; then
    echo "installing haproxy (Debian package)"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  fi
  local cfg=$RUN_DIR/haproxy.cfg
  {
    printf 'global\n  maxconn 4096\n  pidfile %s\n\n' "$RUN_DIR/haproxy.pid"
    printf 'defaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n'
    # a request whose instance refuses the connection (killed, stopping) goes to another one
    printf '  retries 2\n  option redispatch\n  option forwardfor\n\n'
    for entry in "${ALL_SERVICES[@]}"; do
      IFS=: read -r name module port <<<"$entry"
      printf 'frontend %s\n  bind %s:%s\n  default_backend %s_instances\n\n' "$name" "${BIND_ADDRESS:-127.0.0.1}" "$port" "$name"
      printf 'backend %s_instances\n  balance roundrobin\n  option httpchk GET /health\n  http-check expect status 200\n' "$name"
      printf '  default-server inter 1s fall 2 rise 1\n'
      for i in $(seq 1 "$n"); do printf '  server %s-%s 127.0.0.1:%s check\n' "$name" "$i" $((port + 100 * i)); done
      echo
    done
  } >"$cfg"
  haproxy -c -q -f "$cfg"
  local old; old=$(balancer_pid)
  if [ -n "$old" ]; then haproxy -f "$cfg" -D -sf "$old"; else haproxy -f "$cfg" -D; fi
  echo "haproxy on ${BIND_ADDRESS:-127.0.0.1}:8001-8004 in front of $n instances of each service (pid $(balancer_pid))"
}

balancer_pid() {
  local pid; pid=$(cat "$RUN_DIR/haproxy.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q haproxy && echo "$pid" || true
}

stop_balancer() {
  local pid; pid=$(balancer_pid)
  if [ -n "$pid" ]; then kill "$pid"; echo "haproxy stopped (pid $pid)"; fi
  rm -f "$RUN_DIR/haproxy.pid"
}

stop_one() {
  local name=$1 pid; pid=$(pid_of "$name")
  if alive "$name"; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "$name stopped (pid $pid)"
  fi
  rm -f "$RUN_DIR/$name.pid"
}

stop() {
  while IFS=: read -r name _ _; do stop_one "$name"; done < <(selected "$@" | tac)
  [ $# -eq 0 ] && stop_balancer
  return 0
}

status() {
  printf '%-13s %-8s %-9s %s\n' SERVICE PID STATE HEALTH
  while IFS=: read -r name module port; do
    local pid state health
    pid=$(pid_of "$name"); pid=${pid:--}
    if alive "$name"; then state=running; else state=stopped; fi
    health=$(curl -sS -m 2 "http://127.0.0.1:$port/health" 2>/dev/null || echo '-')
    printf '%-13s %-8s %-9s %s\n' "$name" "$pid" "$state" "$health"
  done < <(selected "$@")
  local balancer; balancer=$(balancer_pid)
  [ -n "$balancer" ] && printf '%-13s %-8s %-9s %s\n' haproxy "$balancer" running "8001-8004 -> the instances above"
  return 0
}

logs() {
  while IFS=: read -r name _ _; do
    [ -f "$RUN_DIR/$name.log" ] || continue
    echo "==> $RUN_DIR/$name.log <=="
    # the services log JSON (ECS) lines: shown as time, level, logger, message, trace id (RAW=1: as stored)
    if [ -n "${RAW:-}" ] || ! command -v jq >/dev/null; then
      tail -n "${LINES:-50}" "$RUN_DIR/$name.log"
    else
      tail -n "${LINES:-50}" "$RUN_DIR/$name.log" | jq -R -r 'fromjson? // {message: .} |
        [.["@timestamp"] // "", .log.level // "", (.log.logger // "" | split(".") | last), .message,
         (if .traceId then "trace=" + .traceId else "" end),
         (if .error then "\n" + (.error.stack_trace // .error.message // "") else "" end)] | join(" ")'
    fi
  done < <(selected "$@")
}

urls() {
  echo
  for entry in "${ALL_SERVICES[@]}"; do
    IFS=: read -r name module port <<<"$entry"
    [ -n "$(selected "$name")" ] || continue
    printf '%-13s http://localhost:%s  (docs: http://localhost:%s/docs, health: http://localhost:%s/health)\n' \
      "$name" "$port" "$port" "$port"
  done
  [ -n "$(selected console)" ] && printf '%-13s http://localhost:%s/console  (operations console: admin login)\n' \
    console "${CONSOLE##*:}"
  [ "$(replicas)" -gt 1 ] && echo "($(replicas) instances of each behind haproxy; make status lists them)"
  echo "logs and pids: $RUN_DIR   (make logs, make status, make stop)"
  [ -s "$SECRETS_DIR/admin-password" ] && echo "admin: ${ADMIN_USERNAME:-admin}, password in $SECRETS_DIR/admin-password"
  return 0
}

command=${1:-status}; shift || true
case "$command" in
  start) start "$@" && urls "$@" ;;
  stop) stop "$@" ;;
  status) status "$@" ;;
  logs) logs "$@" ;;
  *) echo "usage: $0 start|stop|status|logs [service...]" >&2; exit 2 ;;
esac
