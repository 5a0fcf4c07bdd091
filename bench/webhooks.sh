#!/usr/bin/env bash
# Webhook delivery under filing load, on the packaged service: after a long unmeasured warm-up, filing
# throughput without a subscriber (A) and with one (B, every event of the district to a local receiver), in
# turns for ROUNDS rounds (A B A B ..., so the drift of a shared machine and of the JIT shows and averages
# out), with the CPU per filing of the service JVM and of PostgreSQL; then deliveries per second during the
# subscribed runs and outbox lag (event occurredAt -> arrival at the receiver) p50/p99. The receiver is the
# load generator's (`receive`: the JDK's HTTP server, ~0.25 ms of CPU per delivery here, printed): it stands for a
# system on another machine. At the lowest CPU priority it took deliveries late enough (each pass waits for
# its slowest) to hold the outbox back, so it runs at normal priority unless RECEIVER_NICE says otherwise.
# Prints its figures; see docs/benchmarks.md.
#
# Usage: bench/webhooks.sh
#   FIRST_WARMUP=120  seconds of mixed load (files and whole loops), subscribed, before anything is measured; the JIT
#                  needs ~6 min of load on 2 cores to settle (docs/benchmarks.md): 450 for steady-state figures
#   WARMUP=20      seconds of filing before each measured filing run (only filing: the events of whole loops, seven a
#                  ticket and sent in order, would still be in the outbox when the measured run starts)
#   FILING=30      seconds of each measured filing run
#   ROUNDS=3       pairs of runs, A then B
#   WORKERS=32     concurrent filers
#   RATE=0         filings a second in all, paced (0: as many as the service takes). Below saturation the delivery worker
#                  keeps up, so B's CPU per filing includes its deliveries; at saturation part of them is sent after B
#   BENCH_PORT=18091   the service's HTTP port; the receiver takes the next one
#   APP=path/quarkus-run.jar   the service to measure (default target/quarkus-app/quarkus-run.jar)
#   RECEIVER_NICE=0   the receiver's nice value
#   KEEP=0         1 keeps the data directory: the logs, each run's whole output (its statements per filing)
#   PLANS=         milliseconds: PostgreSQL's auto_explain writes the plan (with rows and buffers) of every statement that
#                  took longer to its log, postgres/log/ in the data directory (with KEEP=1); measuring adds to every statement
# Needs the load generator (bench/loadgen, built if needed); PLANS needs psql.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

FIRST_WARMUP=${FIRST_WARMUP:-120}
WARMUP=${WARMUP:-20}
ROUNDS=${ROUNDS:-3}
KEEP=${KEEP:-0}
RECEIVER_NICE=${RECEIVER_NICE:-0}
FILING=${FILING:-30}
WORKERS=${WORKERS:-32}
RATE=${RATE:-0}
PLANS=${PLANS:-}
PORT=${BENCH_PORT:-18091}
RECEIVER_PORT=$((PORT + 1))
APP=${APP:-target/quarkus-app/quarkus-run.jar}
data=$(mktemp -d)
pid_app= pid_receiver=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_started "$data" "$pid_receiver" "$pid_app"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

ensure_service "$APP"
ensure_loadgen

start_demo "$APP" "$PORT" "$data"
if [[ -n $PLANS ]]; then   # the embedded server has auto_explain loaded; each session reads these on the reload
  psql=$(command -v /usr/lib/postgresql/15/bin/psql psql | head -1 || true)
  [[ -n $psql ]] || { echo "PLANS needs psql (Debian package postgresql-client-15)" >&2; exit 1; }
  for setting in "log_min_duration = '${PLANS}ms'" "log_analyze = on" "log_buffers = on" "log_timing = off" "log_nested_statements = on"; do
    "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "ALTER SYSTEM SET auto_explain.$setting"
  done
  "$psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "SELECT pg_reload_conf()" >/dev/null
  echo "plans of statements over $PLANS ms: $data/postgres/log"
fi
nice -n "$RECEIVER_NICE" java -XX:+UseSerialGC -Xmx64m -jar "$loadgen" receive --port "$RECEIVER_PORT" --record "$data/arrivals.txt" 2>/dev/null &
pid_receiver=$!
[[ $RATE == 0 ]] && echo "as many filings a second as the service takes" || echo "$RATE filings a second"
echo "service http://127.0.0.1:$PORT, receiver http://127.0.0.1:$RECEIVER_PORT; $(nproc) cores; uptime: $(uptime)"

API=http://127.0.0.1:$PORT/api/v1
token=$(admin_token "$API")
admin() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

filing() { # label [warm-up s] [warm-up work: file|mixed] -> prints the filing line and the CPU per filing; appends "label rate jvm pg jit" to $data/runs.txt
  java -jar "$loadgen" measure --url "http://127.0.0.1:$PORT" --workers "$WORKERS" --warmup "${2:-$WARMUP}" --warmup-work "${3:-file}" --filing "$FILING" \
      --loop 1 --rate "$RATE" --pg-port "$pg_port" --work-dir "$data" --service-pid "$pid_app" --postmaster-pid "$postmaster" \
      >"$data/run.out" 2>&1 || true
  local line cpu rate jvm pg out="$data/run-${1%% *}.out"
  mv "$data/run.out" "$out"
  line=$(grep -m1 -E '^ +[0-9]+ filings in ' "$out" || echo "no filing figures; the load generator said: $(tail -3 "$out")")
  cpu=$(grep -m1 -E '^ +per filing: ' "$out" || true)
  rate=$(echo "$line" | sed -n 's/.* = \([0-9.]*\) requests\/s.*/\1/p')
  jvm=$(echo "$cpu" | sed -n 's/.*service JVM \([0-9.]*\) ms CPU.*/\1/p')
  pg=$(echo "$cpu" | sed -n 's/.*PostgreSQL \([0-9.]*\) ms CPU.*/\1/p')
  jit=$(sed -n 's/.*CPU per filing: JIT compiler \([0-9.]*\) ms.*/\1/p' "$out" | head -1)
  echo "$1: ${line# *}; per filing JVM ${jvm:-?} ms (of it the JIT compiler ${jit:-?}), PostgreSQL ${pg:-?} ms CPU"
  echo "${1%% *} ${rate:-0} ${jvm:-0} ${pg:-0} ${jit:-0}" >>"$data/runs.txt"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

subscribed() { # label [warm-up s] [warm-up work] -> the filing run with the district admin subscribed to every event type, then drains and unsubscribes
  local hook start_ms end_ms start_ticks
  hook=$(subscribe_everything "$API" "$token" "http://127.0.0.1:$RECEIVER_PORT/bench")
  start_ms=$(date +%s%3N)
  start_ticks=$(cpu_ticks "$pid_receiver")
  filing "$1" "${2:-$WARMUP}" "${3:-file}"
  end_ms=$(date +%s%3N)
  echo "$start_ms $end_ms $(( $(cpu_ticks "$pid_receiver") - start_ticks ))" >>"$data/windows.txt"
  for _ in $(seq 1 600); do   # until the outbox has nothing pending (at most 60 s)
    [[ $(admin "$API/webhooks/$hook/deliveries?status=PENDING&limit=1") == *'"items":[]'* ]] && break
    sleep 0.1
  done
  admin -X DELETE "$API/webhooks/$hook" >/dev/null
}

# the first warm-up delivers too, so that the delivery worker's code is compiled before anything is measured
subscribed "warm-up (subscribed, not counted)" "$FIRST_WARMUP" mixed
# and one run without: the first unsubscribed run after it spent 0.3-0.4 ms a filing in the JIT compiler (0.01-0.05
# in the others), which made the first round's B look cheaper than it was
filing "warm-up (no subscriber, not counted)"
: >"$data/runs.txt"
: >"$data/windows.txt"
for round in $(seq 1 "$ROUNDS"); do
  filing "A$round no subscriber "
  subscribed "B$round one subscriber"
done

python3 - "$data/arrivals.txt" "$data/windows.txt" "$data/runs.txt" <<'PY'
import os, sys, datetime, statistics
arrivals, windows, runs = sys.argv[1:]
rows = []
for line in open(arrivals):
    if not line.endswith("\n"):   # the receiver's last write may be under way
        continue
    arrived, _, occurred = line.split()
    at = datetime.datetime.fromisoformat(occurred.replace("Z", "+00:00")).timestamp() * 1000
    rows.append((int(arrived), int(arrived) - at))
spans = [tuple(map(int, line.split()[:2])) for line in open(windows)]
receiver_ms = sum(int(line.split()[2]) for line in open(windows)) * 1000 / os.sysconf("SC_CLK_TCK")
during = [r for r in rows if any(start <= r[0] <= end for start, end in spans)]
measured = sum(end - start for start, end in spans) / 1000
lags = sorted(l for _, l in during)
p = lambda q: lags[min(len(lags) - 1, int(q / 100 * len(lags)))]
print(f"deliveries: {len(rows)} in all, {len(during)} during the subscribed runs' {measured:.0f} s = {len(during) / measured:.1f}/s")
print(f"the receiver's CPU: {receiver_ms / max(1, len(during)):.3f} ms per delivery")
print(f"outbox lag of those (occurredAt -> arrival): p50 {p(50):.0f} ms, p99 {p(99):.0f} ms, max {lags[-1]:.0f} ms")
figures = {"A": [], "B": []}
for line in open(runs):
    label, rate, jvm, pg, jit = line.split()
    figures[label[0]].append((float(rate), float(jvm), float(pg), float(jvm) - float(jit)))
mean = {k: [statistics.mean(column) for column in zip(*v)] for k, v in figures.items()}
for k, name in (("A", "no subscriber "), ("B", "one subscriber")):
    print(f"{k} {name}: filings/s " + ", ".join(f"{r[0]:.1f}" for r in figures[k])
          + f"; mean {mean[k][0]:.1f}/s, JVM {mean[k][1]:.2f} ms (without its JIT compiler {mean[k][3]:.2f}),"
          + f" PostgreSQL {mean[k][2]:.2f} ms CPU per filing")
pairs = [100 * (b[0] - a[0]) / a[0] for a, b in zip(figures["A"], figures["B"])]
# a machine that speeds up or slows down during the runs favours or penalises each B against the A before it alone
def around(values):   # each B's A: the mean of the A before and after it (the last B has only the one before)
    return [(a + n) / 2 for a, n in zip(values, values[1:])] + [values[-1]]
between = [100 * (b[0] - a) / a for a, b in zip(around([r[0] for r in figures["A"]]), figures["B"])]
print(f"with a subscriber: filing {100 * (mean['B'][0] - mean['A'][0]) / mean['A'][0]:+.1f} % (B against the A before it: "
      + ", ".join(f"{d:+.1f} %" for d in pairs) + "; against the mean of the A before and after it: "
      + ", ".join(f"{d:+.1f} %" for d in between) + f"); CPU per filing JVM {100 * (mean['B'][1] - mean['A'][1]) / mean['A'][1]:+.1f} %,"
      f" (without its JIT compiler {100 * (mean['B'][3] - mean['A'][3]) / mean['A'][3]:+.1f} %),"
      f" PostgreSQL {100 * (mean['B'][2] - mean['A'][2]) / mean['A'][2]:+.1f} %")
# what the service and its database spend per filing decides how many filings two saturated cores take, whatever
# share the load generator takes: B's extra CPU, all of it delivered meanwhile, slows saturated filing by this at most
cpu = {k: [r[3] + r[2] for r in figures[k]] for k in figures}
each = [100 * (a / b - 1) for a, b in zip(around(cpu["A"]), cpu["B"])]
spread = statistics.stdev(each) / len(each) ** 0.5 if len(each) > 1 else float("nan")
print(f"CPU per filing, service JVM without its JIT compiler + PostgreSQL: A {statistics.mean(cpu['A']):.3f} ms,"
      f" B {statistics.mean(cpu['B']):.3f} ms; what B's costs make of filing on saturated cores, each B against the mean of"
      " the A before and after it: " + ", ".join(f"{d:+.1f} %" for d in each)
      + f"; mean {statistics.mean(each):+.1f} % ± {2 * spread:.1f} (two standard errors), when the deliveries kept up"
      " with the runs (see the lag)")
PY
echo "uptime after: $(uptime)"
