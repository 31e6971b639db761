#!/usr/bin/env bash
# Starts a local PostgreSQL (Debian's package) for the PostgreSQL tests and the production run, and creates the
# role they use. Idempotent. Prints the connection string the tests read:
#   export SOCIALTJANST_TEST_POSTGRES="$(tools/postgres/start.sh)"
# Listens on 127.0.0.1 and, when SOCIALTJANST_PG_LISTEN names more addresses (the production run's pod network),
# on those too. Needs root (or the postgres user) for pg_ctlcluster.
set -euo pipefail
version="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)"
[ -n "$version" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
cluster=main
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $cluster"; then
  pg_createcluster "$version" "$cluster" >/dev/null
fi
conf="/etc/postgresql/$version/$cluster"
listen="localhost${SOCIALTJANST_PG_LISTEN:+,$SOCIALTJANST_PG_LISTEN}"
cat > "$conf/conf.d/socialtjanst.conf" <<CONF
listen_addresses = '$listen'
max_connections = 300
fsync = on
CONF
if ! grep -q "socialtjanst-pod-network" "$conf/pg_hba.conf"; then
  echo "host all all 10.88.0.0/16 scram-sha-256 # socialtjanst-pod-network (the production run)" >> "$conf/pg_hba.conf"
fi
if pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" restart >/dev/null
else
  pg_ctlcluster "$version" "$cluster" start >/dev/null
fi
password="socialtjanst-local"
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='socialtjanst'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE socialtjanst LOGIN CREATEDB PASSWORD '$password'\""
port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')"
echo "Host=127.0.0.1;Port=$port;Username=socialtjanst;Password=$password;Database=socialtjanst_test"
