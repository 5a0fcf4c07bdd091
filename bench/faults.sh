#!/usr/bin/env bash
# Faults under filing load (issue 9): the packaged service is killed with SIGKILL and restarted, then
# its PostgreSQL is stopped in immediate mode and restarted, while residents keep filing and retrying
# with the same Idempotency-Key until each filing is acknowledged. Checks that every ticket
# acknowledged with 201 is stored exactly once and that a retry answers the first response (bench/loadgen
# `faults`), that readiness goes DOWN and UP by itself around the database outage, and that no request
# hangs past its timeout. Prints its figures; see docs/benchmarks.md.
#
# Usage: bench/faults.sh
#   WORKERS=8  concurrent filers     SETTLE=15  seconds of filing before, between and after the faults
#   TIMEOUT=30 the client's timeout per request, in seconds
#   BENCH_PORT=18091  the service's HTTP port (management: + 1000)    KEEP=1  keep data directory and logs
#   APP=path/quarkus-run.jar   the service (default target/quarkus-app/quarkus-run.jar, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WORKERS=${WORKERS:-8}
SETTLE=${SETTLE:-15}
TIMEOUT=${TIMEOUT:-30}
PORT=${BENCH_PORT:-18091}
APP=${APP:-target/quarkus-app/quarkus-run.jar}
MPORT=$(management_port "$PORT")

data=$(mktemp -d)
pid_service= pid_load=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$pid_load"
  stop_pid "$pid_service"
  stop_embedded_postgres "$data"
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept: $data (service-*.log, postgres.log, load.log)"; else rm -rf "$data"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted: stopping what was started" >&2; exit 130' INT TERM

ensure_service "$APP"
ensure_loadgen

ready() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$MPORT/q/health/ready" || true; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# Waits up to 120 s until readiness answers the given status (200 UP, 503 DOWN).
await_ready() { # status
  for _ in $(seq 1 1200); do [[ $(ready) == "$1" ]] && return 0; sleep 0.1; done
  echo "readiness did not answer $1 within 120 s" >&2; return 1
}

# The first start seeds the demo district into an embedded PostgreSQL of its own; every later start
# uses that server by URL, so that the service and the database fail separately.
start_service() { # log [jdbc-url]
  env QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MPORT \
    GRIDLOOP_DATA_DIR=$data ${2:+QUARKUS_DATASOURCE_JDBC_URL=$2 GRIDLOOP_SEED_ENABLED=false} \
    java -jar "$APP" >"$data/$1" 2>&1 &
  pid_service=$!
  wait_ready "$PORT" "$pid_service" "$data/$1"
}

start_service service-1.log
pg_port=$(embedded_pg_port "$data/service-1.log")
postmaster=$(head -1 "$data/postgres/postmaster.pid")
mapfile -d '' -t postgres_command < "/proc/$postmaster/cmdline"
url="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"
echo "service on http://127.0.0.1:$PORT (pid $pid_service), PostgreSQL on port $pg_port (pid $postmaster)"
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

java -jar "$loadgen" faults --url "http://127.0.0.1:$PORT" --pg-port "$pg_port" --workers "$WORKERS" \
  --stop-file "$data/stop" --timeout "$TIMEOUT" >"$data/load.log" 2>&1 &
pid_load=$!
sleep "$SETTLE"

# ---- (1) SIGKILL the service under load, start it again ---------------------------------------
kill -9 "$pid_service"; wait "$pid_service" 2>/dev/null || true
t=$(now)
echo "(1) service killed with SIGKILL at load; starting it again"
start_service service-2.log "$url"
echo "    ready again after $(since "$t") s"
sleep "$SETTLE"

# ---- (2) PostgreSQL stopped in immediate mode, started again ----------------------------------
postmaster=$(head -1 "$data/postgres/postmaster.pid")
kill -QUIT "$postmaster"   # PostgreSQL's immediate shutdown
t=$(now)
echo "(2) PostgreSQL stopped in immediate mode"
await_ready 503 && echo "    readiness DOWN after $(since "$t") s"
sleep 5
for _ in $(seq 1 100); do kill -0 "$postmaster" 2>/dev/null || break; sleep 0.1; done
# as root, as the embedded server was started: in a user namespace of its own (PostgreSQL refuses root)
launcher=(); [[ $(id -u) -ne 0 ]] || launcher=(unshare -U)
setsid "${launcher[@]}" "${postgres_command[@]}" >"$data/postgres.log" 2>&1 < /dev/null &
t2=$(now)
echo "    PostgreSQL started again"
await_ready 200 && echo "    readiness UP $(since "$t2") s after PostgreSQL's start ($(since "$t") s after the stop)"

sleep "$SETTLE"
touch "$data/stop"
status=0
wait "$pid_load" || status=$?
pid_load=
echo
cat "$data/load.log"
grep -h ' ERROR ' "$data"/service-*.log | sed -E 's/^[0-9:.]+ ERROR \[[^]]*\] \([^)]*\) [0-9a-f-]* ?//' | sort | uniq -c | sort -rn | head -5 \
  | sed 's/^/service error logged: /' || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
