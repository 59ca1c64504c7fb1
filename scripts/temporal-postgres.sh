#!/usr/bin/env bash
# A real (non-dev) Temporal server on PostgreSQL, without Docker: the production persistence path of
# docker-compose.yml on one machine, for load tests, fault drills and checking schema upgrades.
#
#   scripts/temporal-postgres.sh [up]     install (first run only), start PostgreSQL + schema + server + namespace
#   scripts/temporal-postgres.sh install  only build the server binaries and copy the schema (idempotent)
#
# Steps for a supervisor that runs PostgreSQL and the server as its own children (stack/cluster.ts,
# `dondoc up --cluster`), each in the foreground so that a crash is seen and restarted:
#   init-pg      install check + initdb (first run only)       pg-exec      exec postgres in the foreground
#   schema       the schema job (PostgreSQL must be up)         server-exec  exec temporal-server in the foreground
#   namespace    the namespace job (the server must be up)
#   scripts/temporal-postgres.sh status   what is running
#   scripts/temporal-postgres.sh env      print TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE for the dondoc worker and API
#   scripts/temporal-postgres.sh down     stop the server and PostgreSQL (data kept)
#
# Idempotent: binaries are built once into .dondoc/tools (go install from the Go module proxy), the database
# cluster is initialised once, the schema job and namespace job are the same scripts the compose stack runs
# (deploy/temporal/*.sh), and a running server is left alone.
#
# Needs: Go 1.23+ (first run), PostgreSQL server binaries (any version >= 12; when missing and run as root on
# Debian/Ubuntu, the script runs apt-get install -y postgresql itself unless DONDOC_TPG_NO_APT is set).
# Settings (environment):
#   DONDOC_TPG_DIR        state directory (default .dondoc/temporal-pg: pgdata/, config/, logs)
#   DONDOC_TPG_PG_PORT    PostgreSQL port (default 5433, so a system PostgreSQL on 5432 is untouched)
#   DONDOC_TPG_PORT       Temporal frontend gRPC port (default 7233; history/matching/worker use +1/+2/+6,
#                         membership ports -300, frontend HTTP +10)
#   DONDOC_TPG_SHARDS     history shards (default 512). Fixed when the database is first set up: a later
#                         run with another value is refused rather than corrupting routing.
#   TEMPORAL_NAMESPACE    namespace to create (default dondoc), TEMPORAL_NAMESPACE_RETENTION (default 30d)
#   DONDOC_TPG_PG_OPTS    extra postgres options, e.g. "-c max_connections=400 -c shared_buffers=1GB" (the
#                         cluster passes docker-compose.yml's postgresql command here)
set -euo pipefail

TEMPORAL_SERVER_VERSION=v1.29.1     # same server as docker-compose.yml (temporalio/server:1.29.1)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${DONDOC_TOOLS_DIR:-$ROOT/.dondoc/tools}"
BIN_DIR="$TOOLS/temporal-server-$TEMPORAL_SERVER_VERSION"
SERVER_BIN="$BIN_DIR/temporal-server"
SQL_BIN="$BIN_DIR/temporal-sql-tool"
SCHEMA_DIR="$BIN_DIR/schema/postgresql/v12"

DIR="${DONDOC_TPG_DIR:-$ROOT/.dondoc/temporal-pg}"
PGDATA="$DIR/pgdata"
PG_PORT="${DONDOC_TPG_PG_PORT:-5433}"
PG_USER=temporal
PG_PASSWORD="${DONDOC_TPG_PG_PASSWORD:-temporal}"   # local, loopback-only cluster
PORT="${DONDOC_TPG_PORT:-7233}"
SHARDS="${DONDOC_TPG_SHARDS:-512}"
NAMESPACE="${TEMPORAL_NAMESPACE:-dondoc}"
SERVER_PID="$DIR/temporal-server.pid"
SERVER_LOG="$DIR/temporal-server.log"

log() { printf '[temporal-postgres] %s\n' "$*" >&2; }
die() { printf '[temporal-postgres] error: %s\n' "$*" >&2; exit 1; }

# PostgreSQL refuses to run as root: when we are root, run its tools as the `postgres` system user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  # Debian's packages, when we may install them (once; the package's own cluster on 5432 is left alone).
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${DONDOC_TPG_NO_APT:-}" ]; then
    log "PostgreSQL not found: apt-get install -y postgresql"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >&2 || die "apt-get install postgresql failed"
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
  fi
  die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them: apt-get update && apt-get install -y postgresql"
}

install_server() {
  [ -x "$SERVER_BIN" ] && [ -x "$SQL_BIN" ] && [ -d "$SCHEMA_DIR/temporal/versioned" ] && return 0
  command -v go >/dev/null 2>&1 || die "Go 1.23+ is needed once to build the Temporal server (apt-get install golang, or go.dev/dl)."
  mkdir -p "$TOOLS"
  local tmp="$BIN_DIR.tmp.$$" mod
  rm -rf "$tmp"; mkdir -p "$tmp"
  log "building temporal-server and temporal-sql-tool $TEMPORAL_SERVER_VERSION (first run only; ~10 minutes on 2 cores)"
  GOBIN="$tmp" GOFLAGS="${GOFLAGS:--buildvcs=false}" go install \
    "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" || { rm -rf "$tmp"; die "go install failed"; }
  # The schema files ship in the same module; keep a copy so a cleaned module cache does not break re-runs.
  mod="$(go mod download -json "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$mod/schema/postgresql/v12" ] || { rm -rf "$tmp"; die "schema not found in module cache ($mod)"; }
  mkdir -p "$tmp/schema"; cp -r "$mod/schema/postgresql" "$tmp/schema/"; chmod -R u+w "$tmp/schema"
  mv "$tmp/server" "$tmp/temporal-server"; mv "$tmp/sql" "$tmp/temporal-sql-tool"
  rm -rf "$BIN_DIR"; mv "$tmp" "$BIN_DIR"
}

temporal_cli() {
  "$ROOT/scripts/tools.sh" temporal
  # shellcheck disable=SC1090
  eval "$("$ROOT/scripts/tools.sh" --env)"
  echo "$DONDOC_TEMPORAL_BIN"
}

pg_running() { [ -f "$PGDATA/postmaster.pid" ] && as_pg "$(pg_bindir)/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

init_postgres() {
  local bindir; bindir="$(pg_bindir)"
  mkdir -p "$DIR"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $PGDATA (port $PG_PORT)"
    rm -rf "$PGDATA"; mkdir -p "$PGDATA" "$DIR/pglog"
    local pw; pw="$(mktemp)"; printf '%s\n' "$PG_PASSWORD" >"$pw"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDATA" "$DIR/pglog" "$pw"; fi
    as_pg "$bindir/initdb" -D "$PGDATA" -U "$PG_USER" --pwfile="$pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pw"
    cat >>"$PGDATA/postgresql.conf" <<EOF
# dondoc: loopback only; sized for a Temporal server with ${SHARDS} shards (see docs/running-at-scale.md)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGDATA'
max_connections = 200
shared_buffers = 256MB
synchronous_commit = on
EOF
  fi
}

start_postgres() {
  init_postgres
  if ! pg_running; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    # shellcheck disable=SC2086
    as_pg "$(pg_bindir)/pg_ctl" -D "$PGDATA" -l "$DIR/pglog/postgresql.log" -w -t 60 ${DONDOC_TPG_PG_OPTS:+-o "$DONDOC_TPG_PG_OPTS"} start >/dev/null
  fi
}

# postgres in the foreground, as the postgres user when we are root; setpriv execs (runuser would fork and
# leave postgres running when the caller kills it).
exec_postgres() {
  local bindir; bindir="$(pg_bindir)"
  [ -f "$PGDATA/PG_VERSION" ] || die "no database cluster in $PGDATA; run init-pg first"
  # shellcheck disable=SC2086
  if [ "$(id -u)" = 0 ]; then
    exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$bindir/postgres" -D "$PGDATA" ${DONDOC_TPG_PG_OPTS:-}
  else
    exec "$bindir/postgres" -D "$PGDATA" ${DONDOC_TPG_PG_OPTS:-}
  fi
}

exec_server() {
  install_server
  write_config
  exec "$SERVER_BIN" --root "$DIR" --config config --env production --allow-no-auth start
}

setup_schema() {
  # The shard count is written into the database by the server's first start and can never change.
  if [ -f "$DIR/shards" ] && [ "$(cat "$DIR/shards")" != "$SHARDS" ]; then
    die "this database was created with $(cat "$DIR/shards") history shards; DONDOC_TPG_SHARDS=$SHARDS cannot change it (remove $DIR to start over)"
  fi
  log "applying the schema (deploy/temporal/setup-schema.sh; log $DIR/setup-schema.log)"
  POSTGRES_SEEDS=127.0.0.1 DB_PORT="$PG_PORT" POSTGRES_USER="$PG_USER" SQL_PASSWORD="$PG_PASSWORD" \
    TEMPORAL_SQL_TOOL="$SQL_BIN" TEMPORAL_SCHEMA_DIR="$SCHEMA_DIR" \
    sh "$ROOT/deploy/temporal/setup-schema.sh" >"$DIR/setup-schema.log" 2>&1 || {
    tail -n 20 "$DIR/setup-schema.log" >&2
    die "schema setup failed"
  }
  echo "$SHARDS" >"$DIR/shards"
}

write_config() {
  mkdir -p "$DIR/config"
  cat >"$DIR/config/production.yaml" <<EOF
# Generated by scripts/temporal-postgres.sh; edit the script, not this file.
log:
  stdout: true
  level: warn
persistence:
  numHistoryShards: $SHARDS
  defaultStore: default
  visibilityStore: visibility
  datastores:
    default:
      sql:
        pluginName: postgres12
        databaseName: temporal
        connectAddr: "127.0.0.1:$PG_PORT"
        connectProtocol: tcp
        user: "$PG_USER"
        password: "$PG_PASSWORD"
        maxConns: 40
        maxIdleConns: 40
        maxConnLifetime: 1h
    visibility:
      sql:
        pluginName: postgres12
        databaseName: temporal_visibility
        connectAddr: "127.0.0.1:$PG_PORT"
        connectProtocol: tcp
        user: "$PG_USER"
        password: "$PG_PASSWORD"
        maxConns: 10
        maxIdleConns: 10
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
  frontend:
    rpc: { grpcPort: $PORT, membershipPort: $((PORT - 300)), httpPort: $((PORT + 10)), bindOnLocalHost: true }
  history:
    rpc: { grpcPort: $((PORT + 1)), membershipPort: $((PORT - 299)), bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: $((PORT + 2)), membershipPort: $((PORT - 298)), bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: $((PORT + 6)), membershipPort: $((PORT - 294)), bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:$PORT"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "$ROOT/deploy/temporal/dynamicconfig/production.yaml"
  pollInterval: 10s
EOF
}

server_running() { [ -f "$SERVER_PID" ] && kill -0 "$(cat "$SERVER_PID")" 2>/dev/null; }

start_server() {
  if server_running; then log "temporal-server already running (pid $(cat "$SERVER_PID"))"; return 0; fi
  write_config
  log "starting temporal-server $TEMPORAL_SERVER_VERSION on 127.0.0.1:$PORT ($SHARDS shards; log $SERVER_LOG)"
  # setsid: the server outlives this script and is not killed with the caller's process group.
  setsid "$SERVER_BIN" --root "$DIR" --config config --env production --allow-no-auth start >>"$SERVER_LOG" 2>&1 </dev/null &
  echo $! >"$SERVER_PID"
}

create_namespace() {
  local cli; cli="$(temporal_cli)"
  TEMPORAL_CLI="$cli" TEMPORAL_ADDRESS="127.0.0.1:$PORT" TEMPORAL_NAMESPACE="$NAMESPACE" \
    sh "$ROOT/deploy/temporal/create-namespace.sh" >&2 || {
    tail -n 30 "$SERVER_LOG" >&2
    die "the server did not come up; see $SERVER_LOG"
  }
}

print_env() { printf 'TEMPORAL_ADDRESS=127.0.0.1:%s\nTEMPORAL_NAMESPACE=%s\n' "$PORT" "$NAMESPACE"; }

cmd_up() {
  install_server
  start_postgres
  setup_schema
  start_server
  create_namespace
  log "ready: temporal-server on PostgreSQL 127.0.0.1:$PG_PORT; for the dondoc worker/API:"
  print_env
}

cmd_down() {
  if server_running; then
    local pid; pid="$(cat "$SERVER_PID")"
    log "stopping temporal-server (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$SERVER_PID"
  if pg_running; then log "stopping PostgreSQL"; as_pg "$(pg_bindir)/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
}

cmd_status() {
  if pg_running; then echo "postgresql: running on 127.0.0.1:$PG_PORT ($PGDATA)"; else echo "postgresql: stopped"; fi
  if server_running; then echo "temporal-server: running (pid $(cat "$SERVER_PID")) on 127.0.0.1:$PORT, $(cat "$DIR/shards" 2>/dev/null) shards"; else echo "temporal-server: stopped"; fi
}

case "${1:-up}" in
  up) cmd_up ;;
  install) install_server ;;
  init-pg) install_server; init_postgres ;;
  pg-exec) exec_postgres ;;
  schema) setup_schema ;;
  server-exec) exec_server ;;
  namespace) create_namespace ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) print_env ;;
  *) die "usage: $0 [up|install|down|status|env|init-pg|pg-exec|schema|server-exec|namespace]" ;;
esac
