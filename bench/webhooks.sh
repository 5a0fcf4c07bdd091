#!/usr/bin/env bash
# Webhook delivery under filing load, on the packaged service: after an unmeasured warm-up run, filing
# throughput without a subscriber and with one (every event of the district to a local receiver), twice
# in turns (A B A' B', so drift of a shared machine and of the JIT shows), then deliveries per second and
# outbox lag (event occurredAt -> arrival at the receiver) p50/p99. The receiver runs at the lowest CPU
# priority: it stands for a system on another machine. Prints its figures; see docs/benchmarks.md.
#
# Usage: bench/webhooks.sh
#   WARMUP=20      seconds of mixed load (files and whole loops) before each measured filing run
#   FILING=30      seconds of each measured filing run
#   WORKERS=32     concurrent filers
#   BENCH_PORT=18091   the service's HTTP port; the receiver takes the next one
#   APP=path/quarkus-run.jar   the service to measure (default target/quarkus-app/quarkus-run.jar)
# Needs python3 (bench/webhook-receiver.py) and the load generator (bench/loadgen, built if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARMUP=${WARMUP:-20}
FILING=${FILING:-30}
WORKERS=${WORKERS:-32}
PORT=${BENCH_PORT:-18091}
RECEIVER_PORT=$((PORT + 1))
APP=${APP:-target/quarkus-app/quarkus-run.jar}
data=$(mktemp -d)
pid_app= pid_receiver=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$pid_receiver"
  stop_pid "$pid_app"
  stop_embedded_postgres "$data"
  rm -rf "$data"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

ensure_service "$APP"
ensure_loadgen

QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$(management_port $PORT) \
  GRIDLOOP_DATA_DIR=$data java -jar "$APP" >"$data/app.log" 2>&1 &
pid_app=$!
wait_ready "$PORT" "$pid_app" "$data/app.log"
pg_port=$(sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$data/app.log" | head -1)
nice -n 19 python3 bench/webhook-receiver.py --port "$RECEIVER_PORT" --record "$data/arrivals.txt" --quiet 2>/dev/null &
pid_receiver=$!
echo "service http://127.0.0.1:$PORT, receiver http://127.0.0.1:$RECEIVER_PORT; $(nproc) cores; uptime: $(uptime)"

API=http://127.0.0.1:$PORT/api/v1
token=$(curl -sf -X POST $API/auth/login -H 'Content-Type: application/json' -d '{"username":"admin","password":"gridloop"}' \
  | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
admin() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

filing() { # label -> prints the filing line, returns filings/s in $rate
  java -jar "$loadgen" measure --url "http://127.0.0.1:$PORT" --workers "$WORKERS" --warmup "$WARMUP" --filing "$FILING" \
      --loop 1 --pg-port "$pg_port" --work-dir "$data" --service-pid "$pid_app" >"$data/$1.out" 2>&1 || true
  local line
  line=$(grep -m1 -E '^ +[0-9]+ filings in ' "$data/$1.out" || echo "no filing figures; the load generator said: $(tail -3 "$data/$1.out")")
  rate=$(echo "$line" | sed -n 's/.* = \([0-9.]*\) requests\/s.*/\1/p')
  rate=${rate:-0}
  echo "$1: ${line# *}"
}

subscribed() { # label -> the filing run with the district admin subscribed to every event type, then drains and unsubscribes
  local hook start_ms end_ms
  hook=$(admin -X POST $API/webhooks -H "Idempotency-Key: bench-$RANDOM$RANDOM" -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/bench\",
    \"events\":[\"ticket.created\",\"ticket.status_changed\",\"ticket.feedback\",\"ticket.overdue\",\"ticket.supervised\"]}" \
    | sed 's/^{"id":\([0-9]*\).*/\1/')
  start_ms=$(date +%s%3N)
  filing "$1"
  end_ms=$(date +%s%3N)
  echo "$start_ms $end_ms" >>"$data/windows.txt"
  for _ in $(seq 1 600); do   # until the outbox has nothing pending (at most 60 s)
    [[ $(admin "$API/webhooks/$hook/deliveries?status=PENDING&limit=1") == *'"items":[]'* ]] && break
    sleep 0.1
  done
  admin -X DELETE "$API/webhooks/$hook" >/dev/null
}

filing "warm-up (not counted)"
filing "A  no subscriber  "; a1=$rate
subscribed "B  one subscriber "; b1=$rate
filing "A' no subscriber  "; a2=$rate
subscribed "B' one subscriber "; b2=$rate
cp "$data/arrivals.txt" "$data/arrivals-b.txt"

python3 - "$data/arrivals-b.txt" "$data/windows.txt" "$a1" "$b1" "$a2" "$b2" <<'PY'
import sys, datetime
path, windows, a1, b1, a2, b2 = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:])
rows = []
for line in open(path):
    arrived, _, occurred = line.split()
    at = datetime.datetime.fromisoformat(occurred.replace("Z", "+00:00")).timestamp() * 1000
    rows.append((int(arrived), int(arrived) - at))
spans = [tuple(map(int, line.split())) for line in open(windows)]
during = [r for r in rows if any(start <= r[0] <= end for start, end in spans)]
measured = sum(end - start for start, end in spans) / 1000
lags = sorted(l for _, l in rows)
p = lambda q: lags[min(len(lags) - 1, int(q / 100 * len(lags)))]
print(f"deliveries: {len(rows)} in all, {len(during)} during the subscribed runs' {measured:.0f} s = {len(during) / measured:.1f}/s")
print(f"outbox lag (occurredAt -> arrival): p50 {p(50):.0f} ms, p99 {p(99):.0f} ms, max {lags[-1]:.0f} ms")
a, b = (a1 + a2) / 2, (b1 + b2) / 2
print(f"filing: A {a1:.1f}/s, B {b1:.1f}/s, A' {a2:.1f}/s, B' {b2:.1f}/s: with a subscriber {100 * (b - a) / a:+.1f} % "
      f"(B against A {100 * (b1 - a1) / a1:+.1f} %, B' against A' {100 * (b2 - a2) / a2:+.1f} %)")
PY
echo "uptime after: $(uptime)"
