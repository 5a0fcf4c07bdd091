#!/usr/bin/env bash
# The outbox's cost to filing, on the database alone: pgbench files tickets with the statements of one filing
# (bench/filing.pgbench, the raw-SQL ceiling of bench/ticket-loop.sh) into the demo district of the packaged service's
# embedded PostgreSQL, in turns of four runs a round:
#   S  no subscriber, the service stopped (SIGSTOP): filing alone
#   W  the district admin subscribed to every event type, the service still stopped: the trigger writes each event's
#      outbox row in the filing's transaction and nothing sends it: what the outbox itself costs filing
#   A  no subscriber, the service running (its background jobs; the worker finds nothing)
#   B  subscribed, the service running: its worker sends every event to a local receiver while filing goes on
# W against S is the outbox's write; B against A adds the whole delivery (the worker's statements, the service's
# HTTP client, the receiver on the same cores). Each run prints filings a second and the CPU per filing of each part:
# PostgreSQL for pgbench's sessions (the filing, the trigger included), PostgreSQL for the service's sessions (the
# worker's claim, event reads and outcomes; also the metrics' folding), PostgreSQL's own processes, the service's
# JVM, and the receiver. Before B what the stopped runs left (W's outbox, both runs' metrics) is sent and folded.
# Fewer moving parts than bench/webhooks.sh (no HTTP filing, no JIT in the filing path): its rounds differ by less.
# Prints its figures; see docs/benchmarks.md.
#
# Usage: bench/outbox.sh
#   RUN=20         seconds of each run
#   ROUNDS=3       rounds of S W A B
#   WARMUP=60      seconds of subscribed filing first, not counted (compiles the worker's code in the JVM)
#   CLIENTS=8      pgbench clients
#   BENCH_PORT=18091   the service's HTTP port; the receiver takes the next one
#   APP=path/quarkus-run.jar   the service (default target/quarkus-app/quarkus-run.jar)
#   KEEP=0         1 keeps the data directory
# Needs pgbench and psql (Debian package postgresql-client) and the load generator (bench/loadgen, built if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RUN=${RUN:-20}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-60}
CLIENTS=${CLIENTS:-8}
KEEP=${KEEP:-0}
PORT=${BENCH_PORT:-18091}
RECEIVER_PORT=$((PORT + 1))
APP=${APP:-target/quarkus-app/quarkus-run.jar}
command -v pgbench >/dev/null && command -v psql >/dev/null || { echo "needs pgbench and psql (postgresql-client)" >&2; exit 1; }
data=$(mktemp -d)
pid_app= pid_receiver=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  [[ -n $pid_app ]] && kill -CONT "$pid_app" 2>/dev/null
  stop_started "$data" "$pid_receiver" "$pid_app"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

ensure_service "$APP"
ensure_loadgen

start_demo "$APP" "$PORT" "$data"
java -XX:+UseSerialGC -Xmx64m -jar "$loadgen" receive --port "$RECEIVER_PORT" --record "$data/arrivals.txt" >/dev/null 2>&1 &
pid_receiver=$!
echo "service http://127.0.0.1:$PORT, receiver http://127.0.0.1:$RECEIVER_PORT; $(nproc) cores; uptime: $(uptime)"

sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "$1"; }
API=http://127.0.0.1:$PORT/api/v1
token=$(admin_token "$API")
admin() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
hook=
subscribe() { hook=$(subscribe_everything "$API" "$token" "http://127.0.0.1:$RECEIVER_PORT/bench"); }
unsubscribe() { admin -X DELETE "$API/webhooks/$hook" >/dev/null; }
settled() { # waits (at most 120 s) until the outbox has nothing pending and the metrics have folded what the runs filed
  for _ in $(seq 1 1200); do
    [[ $(sql "SELECT (SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING')
      + (SELECT count(*) FROM metrics_filed_pending) + (SELECT count(*) FROM metrics_counter_pending)") == 0 ]] && return 0
    sleep 0.1
  done
  echo "not settled after 120 s: deliveries pending or metrics not folded" >&2
}

# bench/filing.pgbench's variables: resident1 and resident2 file, in their district, this year's numbers
read -r district reporter1 reporter2 < <(sql "SELECT a.district_id, a.id, b.id FROM account a, account b
  WHERE a.username = 'resident1' AND b.username = 'resident2'" | tr '|' ' ')
number_sequence=$(sql "SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE 'ticket_number\\_${district}\\_%'
  ORDER BY relname DESC LIMIT 1")
year=${number_sequence##*_}

# CPU ticks of each process: PostgreSQL's children (with their command line), the service, the receiver
snapshot() {
  local p
  for p in $(pgrep -P "$postmaster"); do
    # pid and start time: a pid used again by another process is another process
    echo "$(awk '{print $1 "-" $22, $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo "$p 0") $( { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | cut -c1-60)"
  done
  echo "service $(awk '{print $14 + $15}' "/proc/$pid_app/stat")"
  echo "receiver $(awk '{print $14 + $15}' "/proc/$pid_receiver/stat")"
}

run() { # label -> one pgbench run; prints and appends "label tps cpu-per-part..." to $data/runs.txt
  local before middle end pgbench_pid
  before=$(snapshot)
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$CLIENTS" -j 2 -T "$RUN" \
    -D reporter1="$reporter1" -D reporter2="$reporter2" -D district="$district" -D number_sequence="$number_sequence" \
    -D year="$year" -D n=0 -f bench/filing.pgbench postgres >"$data/pgbench.out" 2>&1 &
  pgbench_pid=$!
  sleep 2; middle=$(snapshot)      # pgbench's sessions exist; counted from here to 2 s before its end
  sleep $((RUN - 4)); end=$(snapshot)
  wait "$pgbench_pid" || { echo "pgbench failed:"; grep -m5 -iE 'error|abort' "$data/pgbench.out"; exit 1; } >&2
  python3 - "$1" "$RUN" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$data/pgbench.out")" "$before" "$middle" "$end" <<'PY' | tee -a "$data/runs.txt"
import os, sys
label, seconds, tps, before, middle, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), *sys.argv[4:]
ticks = os.sysconf("SC_CLK_TCK")
def parse(text):
    rows = {}
    for line in text.splitlines():
        pid, cpu, *cmd = line.split(None, 2)
        rows[pid] = (int(cpu), cmd[0] if cmd else "")
    return rows
b, m, e = parse(before), parse(middle), parse(end)
parts = {"filing": 0, "service's sessions": 0, "PostgreSQL's own": 0, "service JVM": 0, "receiver": 0}
for pid, (cpu, cmd) in e.items():
    if pid not in m:
        continue
    if pid in ("service", "receiver"):
        part = "service JVM" if pid == "service" else "receiver"
    elif cmd.startswith("postgres: postgres postgres"):   # a session: pgbench's began after the snapshot before
        part = "service's sessions" if pid in b else "filing"
    else:
        part = "PostgreSQL's own"
    parts[part] += cpu - m[pid][0]
ms = {k: v * 1000 / ticks / (seconds - 4) / tps for k, v in parts.items()}
print(f"{label} {tps:.1f} " + " ".join(f"{v:.4f}" for v in ms.values()))
PY
}

echo "warm-up: ${WARMUP} s of subscribed filing, not counted"
subscribe
RUN=$WARMUP run "warm-up" >/dev/null
settled
unsubscribe
: >"$data/runs.txt"
for round in $(seq 1 "$ROUNDS"); do
  kill -STOP "$pid_app"
  run "S$round"
  kill -CONT "$pid_app"; subscribe; kill -STOP "$pid_app"
  run "W$round"
  kill -CONT "$pid_app"
  settled              # what S and W left: sent, folded
  run "B$round"
  settled
  unsubscribe
  run "A$round"
  settled
done

python3 - "$data/runs.txt" <<'PY'
import statistics, sys
names = ["PG filing", "PG service", "PG own", "JVM", "receiver"]
runs = {}
for line in open(sys.argv[1]):
    label, tps, *ms = line.split()
    runs.setdefault(label[0], []).append((float(tps), [float(x) for x in ms]))
print("ms of CPU per filing: " + ", ".join(names))
for k, title in (("S", "no subscriber, service stopped"), ("W", "subscribed, service stopped (the outbox written)"),
                 ("A", "no subscriber, service running"), ("B", "subscribed, service running (delivered)")):
    rows = runs[k]
    cpu = [statistics.mean(c) for c in zip(*(r[1] for r in rows))]
    print(f"{k} {title}: filings/s " + ", ".join(f"{r[0]:.0f}" for r in rows) + f"; mean {statistics.mean(r[0] for r in rows):.0f};"
          + " CPU " + ", ".join(f"{n} {c:.3f}" for n, c in zip(names, cpu)))
def change(x, y):   # each round's y against its x, in %
    each = [100 * (b[0] - a[0]) / a[0] for a, b in zip(runs[x], runs[y])]
    spread = 2 * statistics.stdev(each) / len(each) ** 0.5 if len(each) > 1 else float("nan")
    return ", ".join(f"{d:+.1f}" for d in each) + f" %; mean {statistics.mean(each):+.1f} % ± {spread:.1f}"
print(f"filings/s, the outbox written (W against S): {change('S', 'W')}")
print(f"filings/s, the outbox written and delivered (B against A): {change('A', 'B')}")
PY
echo "uptime after: $(uptime)"
