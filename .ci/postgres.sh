#!/usr/bin/env bash
# Install (if needed) and start Debian's PostgreSQL, create a test database, and print the
# line that points the store tests at it:
#   eval "$(.ci/postgres.sh)"   # then: pytest tests/store tests/ingest
# Everything it says goes to stderr except the final export line.
set -euo pipefail

DB="${WIREWATCH_PG_DB:-wirewatch_test}"
USER_NAME="${WIREWATCH_PG_USER:-wirewatch}"
PASSWORD="${WIREWATCH_PG_PASSWORD:-wirewatch}"
PORT="${WIREWATCH_PG_PORT:-5432}"

log() { echo "postgres.sh: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  log "installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if command -v pg_lsclusters >/dev/null 2>&1; then
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${VERSION} main$"; then
    log "creating cluster ${VERSION}/main"
    pg_createcluster "${VERSION}" main -p "${PORT}" >&2
  fi
  if ! pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting cluster ${VERSION}/main"
    pg_ctlcluster "${VERSION}" main start >&2
  fi
  PORT="$(pg_lsclusters -h | awk -v v="${VERSION}" '$1==v && $2=="main" {print $3}')"
else
  log "pg_lsclusters missing: use a PostgreSQL server already running on port ${PORT}"
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -p ${PORT} -tAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

su postgres -c "psql -p ${PORT} -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${USER_NAME}') THEN
    CREATE ROLE ${USER_NAME} LOGIN PASSWORD '${PASSWORD}';
  END IF;
END
\$\$;
SQL
if ! su postgres -c "psql -p ${PORT} -tAc \"SELECT 1 FROM pg_database WHERE datname = '${DB}'\"" | grep -q 1; then
  su postgres -c "createdb -p ${PORT} -O ${USER_NAME} ${DB}" >&2
fi
log "database ${DB} ready on port ${PORT}"
echo "export WIREWATCH_TEST_PG_URL=postgresql://${USER_NAME}:${PASSWORD}@127.0.0.1:${PORT}/${DB}"
