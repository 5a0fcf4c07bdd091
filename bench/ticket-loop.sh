#!/usr/bin/env bash
# Throughput and latency of the ticket loop on the packaged service, its raw-SQL ceiling, and the
# claim race across two instances on one database. Prints its figures; see docs/benchmarks.md.
#
# Usage: bench/ticket-loop.sh
#   WARMUP=60      seconds of mixed load before anything is measured
#   DURATION=30    seconds of each measured run: (a) filing, (b) full loop, (c) pgbench
#   FILING=, LOOP=, CEILING=   override DURATION for one run
#   WORKERS=32     concurrent workers (and pgbench clients)
#   RATE=0         filings (a) or whole loops (b) started a second, for latency at a load the machine carries;
#                  0: as many as the workers manage (the service saturated)
#   RACE_TICKETS=20 CLAIMERS=50   tickets raced for, and claimers per ticket (RACE_TICKETS=0: no race, no B)
#   RACE_WARMUP=20 seconds of whole loops on instance B before the races (its JIT is cold)
#   BENCH_PORT=18081               instance A's HTTP port; instance B takes the next one
#   KEEP=1         keep the data directory and logs (printed at the end)
#   APP=path/quarkus-run.jar   the service to measure (default target/quarkus-app/quarkus-run.jar, built
#                  if missing): a copy of an older build, to compare two builds in turns
#   SERVICE_OPTS=  JVM options for instance A only (a profiler: -XX:StartFlightRecording=...)
#
# The load generator is bench/loadgen (a Maven module of its own, not part of the service's build);
# the ceiling runs bench/filing.pgbench, one filing's statements written by hand.
# Builds the service's jar if it is missing, and the load generator's if its sources changed. Starts
# everything it measures and stops it on exit. Binds to the loopback only. Needs pgbench (Debian's
# postgresql-client-15); installs that package with apt-get if it is missing and it may, else
# measures everything but the ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP=${WARMUP:-60}
DURATION=${DURATION:-30}
FILING=${FILING:-$DURATION}
LOOP=${LOOP:-$DURATION}
CEILING=${CEILING:-$FILING}
WORKERS=${WORKERS:-32}
RATE=${RATE:-0}
RACE_TICKETS=${RACE_TICKETS:-20}
CLAIMERS=${CLAIMERS:-50}
RACE_WARMUP=${RACE_WARMUP:-20}
PORT_A=${BENCH_PORT:-18081}
PORT_B=$((PORT_A + 1))
APP=${APP:-target/quarkus-app/quarkus-run.jar}
SERVICE_OPTS=${SERVICE_OPTS:-}

data=$(mktemp -d)
pid_a= pid_b= pid_job=

# Stop what this script started: instance B, then A (whose shutdown stops its embedded PostgreSQL),
# then that PostgreSQL itself if it is still running.
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e   # stop everything whatever fails on the way
  stop_pid "$pid_job"
  stop_pid "$pid_b"
  stop_pid "$pid_a"
  stop_embedded_postgres "$data"
  for log in "$data"/a.log "$data"/b.log; do
    if [[ -f $log ]] && grep -q ' ERROR ' "$log"; then
      echo "--- errors the service logged ($(basename "$log")), by message, and where the first one was thrown:"
      grep ' ERROR ' "$log" | sed -E 's/^[0-9:.]+ ERROR \[[^]]*\] \([^)]*\) [0-9a-f-]* ?//' | sort | uniq -c | sort -rn | head -5
      grep -m1 -A150 ' ERROR ' "$log" | grep -E '^\s+at io\.gridloop\.' | grep -v '_Subclass\|_ClientProxy' | head -4
    fi
  done
  if [[ ${KEEP:-0} == 1 ]]; then
    echo "kept: $data (logs a.log, b.log; pgbench.out)"
  else
    rm -rf "$data"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted: stopping what was started" >&2; exit 130' INT TERM

# ---- tools -----------------------------------------------------------------------------------
pgbench=/usr/lib/postgresql/15/bin/pgbench
pgbench_missing=
if [[ $CEILING -gt 0 && ! -x $pgbench ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "pgbench missing: installing postgresql-client-15 with apt-get (for this benchmark only)"
    if ! { apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get -qq install -y postgresql-client-15 >/dev/null; }; then
      pgbench_missing="apt-get install postgresql-client-15 failed"
    fi
  else
    pgbench_missing="$pgbench not found; install Debian's postgresql-client-15 (needs root)"
  fi
fi
[[ -x $pgbench ]] || pgbench=

ensure_service "$APP"
ensure_loadgen

# A bounded job in the background, so that a signal reaches the trap at once and the job is stopped.
bounded() { # seconds command...
  local seconds=$1; shift
  timeout --signal=TERM --kill-after=10 "$seconds" "$@" &
  pid_job=$!
  local rc=0
  wait "$pid_job" || rc=$?
  pid_job=
  return "$rc"
}

# ---- instance A: the demo profile on its own embedded PostgreSQL (fsync on) -------------------
QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT_A QUARKUS_MANAGEMENT_PORT=$(management_port $PORT_A) GRIDLOOP_DATA_DIR=$data \
  java $SERVICE_OPTS -jar "$APP" >"$data/a.log" 2>&1 &
pid_a=$!
wait_ready "$PORT_A" "$pid_a" "$data/a.log"
pg_port=$(embedded_pg_port "$data/a.log")
postmaster=$(head -1 "$data/postgres/postmaster.pid")
[[ -n $pg_port ]] || { echo "no 'Embedded PostgreSQL started on port' in the log" >&2; exit 1; }
echo "instance A: http://127.0.0.1:$PORT_A (pid $pid_a), embedded PostgreSQL on 127.0.0.1:$pg_port (pid $postmaster)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

measure=0 race=0
limit=$((WARMUP + FILING + LOOP + CEILING + 300))
bounded "$limit" java -jar "$loadgen" measure --url "http://127.0.0.1:$PORT_A" --workers "$WORKERS" \
    --warmup "$WARMUP" --filing "$FILING" --loop "$LOOP" --ceiling "$CEILING" --rate "$RATE" \
    --pgbench "$pgbench" --pgbench-missing "$pgbench_missing" --pgbench-script bench/filing.pgbench \
    --pg-port "$pg_port" --work-dir "$data" --service-pid "$pid_a" --postmaster-pid "$postmaster" || measure=$?

# ---- (d) instance B on A's database, with A's signing key, and the claim race ----------------
echo
if [[ $RACE_TICKETS -gt 0 ]]; then
QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT_B QUARKUS_MANAGEMENT_PORT=$(management_port $PORT_B) GRIDLOOP_DATA_DIR=$data \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" GRIDLOOP_SEED_ENABLED=false \
  java -jar "$APP" >"$data/b.log" 2>&1 &
pid_b=$!
wait_ready "$PORT_B" "$pid_b" "$data/b.log"
echo "instance B: http://127.0.0.1:$PORT_B (pid $pid_b) on A's database"
bounded $((RACE_WARMUP + 300)) java -jar "$loadgen" race --url-a "http://127.0.0.1:$PORT_A" \
    --url-b "http://127.0.0.1:$PORT_B" --tickets "$RACE_TICKETS" --claimers "$CLAIMERS" --warmup "$RACE_WARMUP" \
    --workers "$WORKERS" --pg-port "$pg_port" || race=$?
else
  echo "(d) the claim race: skipped (RACE_TICKETS=0)"
fi

echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $measure -eq 0 ]] || echo "(a)-(c): failed requests, no ceiling, or a pgbench script that no longer matches a filing (exit $measure); see above"
[[ $race -eq 0 ]] || echo "(d): a claim race check failed (exit $race); see above"
[[ $measure -eq 0 && $race -eq 0 ]] && echo "all checks passed"
exit $(( measure != 0 || race != 0 ))
