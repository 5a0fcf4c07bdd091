#!/usr/bin/env bash
# Webhook delivery under filing load, on the packaged service: filing throughput without a subscriber,
# with one (every event of the district to a local receiver), and without again (A-B-A, so drift of a
# shared machine shows), then deliveries per second and outbox lag (event occurredAt -> arrival at the
# receiver) p50/p99. Prints its figures; see docs/benchmarks.md.
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
python3 bench/webhook-receiver.py --port "$RECEIVER_PORT" --record "$data/arrivals.txt" --quiet 2>/dev/null &
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

filing "A  no subscriber  "; a1=$rate
hook=$(admin -X POST $API/webhooks -H "Idempotency-Key: bench-$RANDOM" -d "{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/bench\",
  \"events\":[\"ticket.created\",\"ticket.status_changed\",\"ticket.feedback\",\"ticket.overdue\",\"ticket.supervised\"]}" \
  | sed 's/^{"id":\([0-9]*\).*/\1/')
start_ms=$(date +%s%3N)
filing "B  one subscriber "; b=$rate
end_ms=$(date +%s%3N)
for _ in $(seq 1 600); do   # until the outbox has nothing pending (at most 60 s)
  [[ $(admin "$API/webhooks/$hook/deliveries?status=PENDING&limit=1") == *'"items":[]'* ]] && break
  sleep 0.1
done
admin -X DELETE "$API/webhooks/$hook" >/dev/null
cp "$data/arrivals.txt" "$data/arrivals-b.txt"
filing "A' no subscriber  "; a2=$rate

python3 - "$data/arrivals-b.txt" "$start_ms" "$end_ms" "$a1" "$b" "$a2" <<'PY'
import sys, datetime
path, start, end, a1, b, a2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
rows = []
for line in open(path):
    arrived, _, occurred = line.split()
    at = datetime.datetime.fromisoformat(occurred.replace("Z", "+00:00")).timestamp() * 1000
    rows.append((int(arrived), int(arrived) - at))
during = [r for r in rows if start <= r[0] <= end]
lags = sorted(l for _, l in rows)
p = lambda q: lags[min(len(lags) - 1, int(q / 100 * len(lags)))]
span = (max(a for a, _ in rows) - min(a for a, _ in rows)) / 1000 if rows else 0
print(f"deliveries: {len(rows)} in all, {len(during)} during run B's {(end - start) / 1000:.0f} s "
      f"= {len(during) / ((end - start) / 1000):.1f}/s; all of them over {span:.1f} s = {len(rows) / span if span else 0:.1f}/s")
print(f"outbox lag (occurredAt -> arrival): p50 {p(50):.0f} ms, p99 {p(99):.0f} ms, max {lags[-1]:.0f} ms")
base = (a1 + a2) / 2
print(f"filing: A {a1:.1f}/s, B (subscriber) {b:.1f}/s, A' {a2:.1f}/s: B is {100 * (b - base) / base:+.1f} % against the mean of A and A'")
PY
echo "uptime after: $(uptime)"
