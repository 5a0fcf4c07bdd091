#!/usr/bin/env bash
# The leaders' questions (list, search, nearby, summary, series, rankings) and filing, measured on a
# district made by bench/generate.sh: starts the packaged service on that database, runs
# bench/metrics.py (p50/p95/p99 of each question after a warm-up, then filing throughput) and stops it.
#
# Usage: bench/metrics.sh
#   DATA=bench/data   the database bench/generate.sh made
#   WARMUP=60 RUNS=200 FILING=30   seconds of warm-up, runs per question, seconds of filing (0: none)
#   ONLY=summary,rankings          only the questions whose name starts with one of these words
#   BENCH_PORT=18097  the HTTP port (health on BENCH_PORT + 1000)
# Filing writes into the database: measure the questions first, then filing, and compare filing with a
# small district made the same way (DATA=bench/data-10k bench/generate.sh 10000).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

DATA=${DATA:-bench/data}
PORT=${BENCH_PORT:-18097}
APP=${APP:-target/quarkus-app/quarkus-run.jar}
[[ -d $DATA/postgres ]] || { echo "no database in $DATA: run bench/generate.sh first" >&2; exit 1; }
DATA=$(cd "$DATA" && pwd)
pid=
cleanup() {
  trap - EXIT INT TERM
  set +e
  stop_pid "$pid"
  stop_embedded_postgres "$DATA"
}
trap cleanup EXIT INT TERM

ensure_service "$APP"
QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$(management_port "$PORT") \
  GRIDLOOP_DATA_DIR=$DATA java -jar "$APP" >"$DATA/metrics.log" 2>&1 &
pid=$!
wait_ready "$PORT" "$pid" "$DATA/metrics.log"
pg_port=$(embedded_pg_port "$DATA/metrics.log")
echo "machine: $(nproc) cores, load $(uptime | sed 's/.*load average: //')"
python3 bench/metrics.py "http://127.0.0.1:$PORT" "$pg_port" --warmup="${WARMUP:-60}" --runs="${RUNS:-200}" \
  --filing="${FILING:-30}" --only="${ONLY:-}"
echo "load after: $(uptime | sed 's/.*load average: //')"
