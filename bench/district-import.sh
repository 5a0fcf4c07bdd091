#!/usr/bin/env bash
# The bulk district import: a file of GRIDS grids (with 12-point boundaries) and ACCOUNTS accounts,
# imported by the demo's district admin into the packaged service on its embedded PostgreSQL: new
# (everything created, the service's first import: a cold JVM), the same file again (nothing
# changes), a changed file (every tenth grid and account updated), and a second file of the same size
# with other names (everything created again, now warm). Prints the wall time of each POST as curl
# measures it, and the service's report. See docs/benchmarks.md.
#
# Usage: bench/district-import.sh
#   GRIDS=3000 ACCOUNTS=10000   the file's size (bench/district-file.py writes it)
#   BENCH_PORT=18085            the HTTP port (health on BENCH_PORT + 1000)
#   APP=path/quarkus-run.jar    the service (default target/quarkus-app/quarkus-run.jar, built if missing)
# Starts everything it measures and stops it on exit; binds to the loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

GRIDS=${GRIDS:-3000}
ACCOUNTS=${ACCOUNTS:-10000}
PORT=${BENCH_PORT:-18085}
APP=${APP:-target/quarkus-app/quarkus-run.jar}
data=$(mktemp -d)
pid=

cleanup() {
  trap - EXIT INT TERM
  set +e
  stop_started "$data" "$pid"
}
trap cleanup EXIT INT TERM

ensure_service "$APP"
python3 bench/district-file.py "$GRIDS" "$ACCOUNTS" >"$data/district.yaml"
python3 bench/district-file.py "$GRIDS" "$ACCOUNTS" --changed >"$data/changed.yaml"
python3 bench/district-file.py "$GRIDS" "$ACCOUNTS" --second >"$data/second.yaml"

QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$(management_port "$PORT") \
  GRIDLOOP_DATA_DIR=$data timeout 900 java -jar "$APP" >"$data/app.log" 2>&1 &
pid=$!
wait_ready "$PORT" "$pid" "$data/app.log"

api=http://127.0.0.1:$PORT/api/v1
token=$(admin_token "$api")

echo "file: $GRIDS grids, $ACCOUNTS accounts, $(du -k "$data/district.yaml" | cut -f1) KiB of YAML"
for run in "new:district.yaml" "again:district.yaml" "changed:changed.yaml" "new-warm:second.yaml"; do
  label=${run%%:*} file=${run#*:}
  result=$(curl -s --max-time 300 -o "$data/report.json" -w '%{http_code} %{time_total}' -X POST "$api/district/import" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/yaml' --data-binary "@$data/$file")
  printf '%-9s HTTP %s, %s s\n' "$label" "${result% *}" "${result#* }"
  sed 's/},"/},\n  "/g; s/^{/  /; s/}}$/}/' "$data/report.json"; echo
done
echo "the service's own account of each import (checking the file, then writing it):"
grep -o 'import checked in [0-9]* ms and written in [0-9]* ms' "$data/app.log"
