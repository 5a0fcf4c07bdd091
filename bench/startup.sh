#!/usr/bin/env bash
# Start-to-ready time and idle memory of the packaged service on its embedded PostgreSQL.
# Usage: bench/startup.sh [runs]   (builds the jar first if it is missing)
# The first start initialises the data directory; the runs measured here start on an initialised one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${BENCH_PORT:-18080}
management=$((port + 1000))   # a packaged service answers health on its management interface
data=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$data"' EXIT
[[ -f target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests

start() {
  QUARKUS_PROFILE=demo QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management GRIDLOOP_DATA_DIR=$data \
    java -jar target/quarkus-app/quarkus-run.jar >"$data/app.log" 2>&1 &
  pid=$!
}
wait_ready() {
  for _ in $(seq 1 600); do
    curl -sf "http://localhost:$management/q/health/ready" >/dev/null && return 0
    curl -sf "http://localhost:$port/q/health/ready" >/dev/null && return 0
    sleep 0.05
  done
  echo "not ready after 30 s; log:" >&2; tail -20 "$data/app.log" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

start; wait_ready; stop   # initialise the data directory and load the demo district once

echo "run  start-to-ready(ms)"
total=0
for run in $(seq 1 "$runs"); do
  t0=$(date +%s%N); start; wait_ready; t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 )); total=$((total + ms))
  printf '%3d  %6d\n' "$run" "$ms"
  if [[ $run -eq $runs ]]; then
    sleep 10
    jvm=$(ps -o rss= -p "$pid")
    pg=$(pgrep -f "postgres -D $data" | xargs -r ps -o rss= -p | awk '{s+=$1} END {print s+0}')
    children=$(pgrep -P "$(pgrep -f "postgres -D $data" | head -1)" | xargs -r ps -o rss= -p | awk '{s+=$1} END {print s+0}')
  fi
  stop
done
echo "mean start-to-ready: $((total / runs)) ms over $runs runs (goal: under 5000 ms)"
echo "idle resident memory after 10 s: JVM $((jvm / 1024)) MiB, PostgreSQL postmaster $((pg / 1024)) MiB + backends $((children / 1024)) MiB"
