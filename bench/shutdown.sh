#!/usr/bin/env bash
# Stops the packaged service with SIGTERM while it serves and counts what it logged from then on.
# Usage: APP=<jar> bench/shutdown.sh [rounds]   (default: target/quarkus-app/quarkus-run.jar, built if missing)
# Each round starts the demo on a fresh embedded PostgreSQL, keeps six clients reading tickets, and stops the
# service at a random moment while eight busy processes load the machine (a slow shutdown widens every race
# between the shutdown and what still runs); then prints the ERROR and WARN lines it logged, by logger.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
APP=${APP:-target/quarkus-app/quarkus-run.jar}
rounds=${1:-4}
port=${BENCH_PORT:-18300}
ensure_service "$APP"
for round in $(seq 1 "$rounds"); do
  data=$(mktemp -d)
  start_demo "$APP" "$port" "$data"
  api=http://127.0.0.1:$port/api/v1
  token=$(admin_token "$api")
  clients=()
  for _ in 1 2 3 4 5 6; do
    ( while curl -s -o /dev/null -H "Authorization: Bearer $token" "$api/tickets?limit=20"; do :; done ) &
    clients+=($!)
  done
  sleep $((3 + RANDOM % 4))
  busy=()
  for _ in 1 2 3 4 5 6 7 8; do yes >/dev/null & busy+=($!); done
  stop_pid "$pid_app"
  kill "${busy[@]}" "${clients[@]}" 2>/dev/null || true
  wait "${busy[@]}" "${clients[@]}" 2>/dev/null || true
  log=$data/app.log
  stopping=$(grep -n 'Waiting for HTTP requests\|(Shutdown thread)' "$log" | head -1 | cut -d: -f1)
  after=$(tail -n +"${stopping:-1}" "$log")
  printf 'round %d: %d ERROR and %d WARN lines after the stop began\n' "$round" \
    "$(grep -c ' ERROR ' <<<"$after" || true)" "$(grep -c ' WARN ' <<<"$after" || true)"
  grep ' ERROR \| WARN ' <<<"$after" | sed 's/^[0-9:.]* *\([A-Z]*\) *\[\([^]]*\)\].*/  \1 \2/' | sort | uniq -c || true
  stop_started "$data"
done
