#!/usr/bin/env bash
# Where PostgreSQL's CPU goes under the ticket loop: perf samples of the embedded PostgreSQL's processes with their
# call stacks, while bench/loadgen runs whole loops (or filings) against the packaged service, summed by what encloses
# each sample (the triggers, the plan cache, executor start, run and end, the commit, the socket). Prints its figures;
# see docs/benchmarks.md.
#
# Usage: bench/pg-profile.sh
#   WHAT=loop      the load: loop (bench/ticket-loop.sh's (b): file, triage, dispatch, claim, start, resolve, feedback)
#                  or filing (its (a))
#   WARMUP=60      seconds of mixed load before the samples (PostgreSQL needs no JIT warm-up; its caches fill fast)
#   RECORD=12      seconds of samples (a call stack of 16 KB each: about 40 MB for 12 s)
#   FREQ=250       samples a second per process
#   WORKERS=32     concurrent workers
#   BENCH_PORT=18085   the service's HTTP port
#   APP=path/quarkus-run.jar   the service (default target/quarkus-app/quarkus-run.jar, built if missing)
#   KEEP=1         keep the data directory, with perf's samples (printed at the end)
#
# Needs perf (Debian's linux-perf); installs that package with apt-get if it is missing and it may. The embedded
# PostgreSQL's binaries keep their symbols, so the stacks name PostgreSQL's functions. Binds to the loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WHAT=${WHAT:-loop}
WARMUP=${WARMUP:-60}
RECORD=${RECORD:-12}
FREQ=${FREQ:-250}
WORKERS=${WORKERS:-32}
PORT=${BENCH_PORT:-18085}
APP=${APP:-target/quarkus-app/quarkus-run.jar}
[[ $WHAT == loop || $WHAT == filing ]] || { echo "WHAT: loop or filing, not '$WHAT'" >&2; exit 2; }

if ! command -v perf >/dev/null; then
  { apt-get install -y -q linux-perf || { apt-get update -q && apt-get install -y -q linux-perf; }; } >/dev/null 2>&1 || true
fi
command -v perf >/dev/null || { echo "perf is not available (Debian's linux-perf)" >&2; exit 1; }
ensure_service "$APP"
ensure_loadgen

data=$(mktemp -d)
pid_app=
trap 'stop_started "$data" $pid_app; [[ ${KEEP:-} == 1 ]] && echo "kept $data" || rm -rf "$data"' EXIT
start_demo "$APP" "$PORT" "$data"
echo "service: http://127.0.0.1:$PORT (pid $pid_app), embedded PostgreSQL on 127.0.0.1:$pg_port (pid $postmaster)"

# the measured phase runs long enough to hold the samples; its figures are printed too
span=$((RECORD + 20))
if [[ $WHAT == loop ]]; then filing=1 loop=$span phase="(b) "; else filing=$span loop=1 phase="(a) "; fi
java -jar "$loadgen" measure --url "http://127.0.0.1:$PORT" --workers "$WORKERS" --warmup "$WARMUP" --filing "$filing" \
  --loop "$loop" --ceiling 0 --pg-port "$pg_port" --work-dir "$data" --service-pid "$pid_app" \
  --postmaster-pid "$postmaster" >"$data/loadgen.log" 2>&1 &
load=$!
echo "warm-up: $WARMUP s of mixed load at $WORKERS workers, then $WHAT"
until grep -q "^$phase" "$data/loadgen.log"; do
  kill -0 $load 2>/dev/null || { cat "$data/loadgen.log" >&2; exit 1; }
  sleep 1
done
sleep 3
processes=$(pgrep -d, -P "$postmaster")
echo "recording $RECORD s of PostgreSQL's processes ($(tr ',' '\n' <<<"$processes" | wc -l)) at $FREQ Hz"
perf record -q -F "$FREQ" --call-graph dwarf,16384 -p "$processes" -o "$data/perf.data" -- sleep "$RECORD" 2>/dev/null
wait $load || true
grep -A1 "^$phase" "$data/loadgen.log" | head -2
grep -m1 "per \(filing\|request\): service" "$data/loadgen.log" || true
perf script -i "$data/perf.data" 2>/dev/null | python3 bench/pg-profile.py
