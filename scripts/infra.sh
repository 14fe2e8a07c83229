#!/usr/bin/env bash
# Makes sure PostgreSQL, Redis and RabbitMQ answer on localhost (starting them if installed,
# installing them with apt-get if not), then creates the context databases (and the operations console's console_db).
# Shared by the Makefile and .ci/run; safe to run any number of times.
set -euo pipefail

DATABASES=(user_db catalog_db ordering_db notification_db console_db)
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_SUPERUSER=${PG_SUPERUSER:-postgres}

log() { printf '[infra] %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# wait_until DESCRIPTION SECONDS COMMAND...: polls COMMAND once a second, bounded.
wait_until() {
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  log "$what did not answer within ${seconds}s"
  return 1
}

postgres_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
ensure_postgres() {
  if postgres_up; then log "PostgreSQL answers on $PG_HOST:$PG_PORT"; return; fi
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    log "installing PostgreSQL"
    apt_install postgresql postgresql-client
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_until PostgreSQL 60 postgres_up
  log "PostgreSQL answers on $PG_HOST:$PG_PORT"
}

# A freshly installed Debian PostgreSQL asks for passwords on 127.0.0.1; a development machine of this
# kind trusts loopback connections (as the machine image does), so the services and tests can connect.
ensure_loopback_trust() {
  if psql -w -qtA -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    return
  fi
  local version hba
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  log "letting loopback connections in without a password ($hba)"
  as_root sed -i -E 's/^(host[[:space:]]+all[[:space:]]+all[[:space:]]+(127\.0\.0\.1\/32|::1\/128)[[:space:]]+)[a-z0-9-]+/\1trust/' "$hba"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  wait_until "PostgreSQL on loopback" 30 psql -w -qtA -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -c 'SELECT 1'
}

redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }
ensure_redis() {
  if redis_up; then log "Redis answers on 127.0.0.1:6379"; return; fi
  command -v redis-server >/dev/null || { log "installing Redis"; apt_install redis-server; }
  log "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  redis_up || as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_until Redis 30 redis_up
  log "Redis answers on 127.0.0.1:6379"
}

rabbit_up() { as_root rabbitmqctl -q await_startup --timeout 5 && (exec 3<>/dev/tcp/127.0.0.1/5672); }
ensure_rabbitmq() {
  if rabbit_up 2>/dev/null; then log "RabbitMQ answers on 127.0.0.1:5672"; return; fi
  command -v rabbitmq-server >/dev/null || { log "installing RabbitMQ"; apt_install rabbitmq-server; }
  if ! as_root rabbitmqctl -q ping >/dev/null 2>&1; then
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached
  fi
  # ping answers before the AMQP listener opens: await_startup, then the port itself.
  wait_until RabbitMQ 120 rabbit_up
  log "RabbitMQ answers on 127.0.0.1:5672"
}

psql_admin() { psql -v ON_ERROR_STOP=1 -qtA -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres "$@"; }
ensure_databases() {
  for db in "${DATABASES[@]}"; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
      psql_admin -c "CREATE DATABASE $db" && log "created database $db"
    fi
  done
  log "databases: ${DATABASES[*]}"
}

command -v psql >/dev/null || apt_install postgresql-client
command -v curl >/dev/null || apt_install curl
command -v jq >/dev/null || apt_install jq
command -v redis-cli >/dev/null || apt_install redis-tools
ensure_postgres
ensure_loopback_trust
ensure_redis
ensure_rabbitmq
ensure_databases
