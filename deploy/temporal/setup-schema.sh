#!/bin/sh
# One-shot schema job (the `temporal-schema` service in docker-compose.yml; scripts/temporal-postgres.sh runs
# it too). Creates Temporal's two PostgreSQL databases when missing and brings their schemas up to the
# version shipped with the pinned temporal-sql-tool. Idempotent: re-running on an up-to-date database
# changes nothing, and after an image upgrade it applies only the new versioned migrations.
#
# Environment: POSTGRES_SEEDS (host), DB_PORT (5432), POSTGRES_USER, SQL_PASSWORD (read by the tool
# itself, so the password never appears in argv), TEMPORAL_SCHEMA_DIR (the admin-tools image's default).
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS (database host) is required}"
: "${POSTGRES_USER:?POSTGRES_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
export SQL_PASSWORD
SCHEMA_DIR="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}"
SQL_TOOL="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"

sql() { # sql <database> <command...>
  db="$1"
  shift
  "$SQL_TOOL" --plugin postgres12 --ep "$POSTGRES_SEEDS" --port "${DB_PORT:-5432}" --user "$POSTGRES_USER" --db "$db" "$@"
}

for pair in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db="${pair%%:*}"
  kind="${pair##*:}"
  [ -d "$SCHEMA_DIR/$kind/versioned" ] || { echo "setup-schema: $SCHEMA_DIR/$kind/versioned not found" >&2; exit 1; }
  echo "setup-schema: database $db ($kind)"
  sql "$db" create-database >/dev/null 2>&1 || echo "setup-schema: database $db already exists"
  # Creates the schema_version bookkeeping tables; harmless when they exist.
  sql "$db" setup-schema -v 0.0
  # Point at versioned/ itself: given its parent, update-schema finds no versions and still exits 0.
  sql "$db" update-schema -d "$SCHEMA_DIR/$kind/versioned"
done
echo "setup-schema: done"
