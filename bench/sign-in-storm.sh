#!/usr/bin/env bash
# Sign-ins in a storm (the morning a district's staff all open the app) beside ordinary reads: STORM threads sign in
# over and over (bcrypt at the service's cost: tens of milliseconds of CPU each) while READERS threads read
# GET /api/v1/me, for DURATION seconds, on the packaged service with its embedded PostgreSQL (demo profile). Prints the
# sign-ins a second and how they were answered, and the reads' answers and latency p50/p99/max. A sign-in that
# held a connection while its password was checked would, past the pool's 32, keep the readers waiting for one.
#
# Usage: APP=path/quarkus-run.jar bench/sign-in-storm.sh
#   STORM=64  READERS=4  DURATION=30  WARMUP=20  BENCH_PORT=18101
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

APP=${APP:-target/quarkus-app/quarkus-run.jar}
STORM=${STORM:-64}
READERS=${READERS:-4}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-20}
PORT=${BENCH_PORT:-18101}
ensure_service "$APP"

work=$(mktemp -d)
pid=
cleanup() {
  trap - EXIT INT TERM
  set +e
  stop_started "$work" "$pid"
}
trap cleanup EXIT
trap 'echo "interrupted: stopping what was started" >&2; exit 130' INT TERM

QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$(management_port "$PORT") \
  GRIDLOOP_DATA_DIR=$work java -jar "$APP" >"$work/service.log" 2>&1 &
pid=$!
wait_ready "$PORT" "$pid" "$work/service.log"
echo "$APP; $(nproc) cores; $STORM signing in, $READERS reading /me; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "http://127.0.0.1:$PORT/api/v1" "$STORM" "$READERS" "$WARMUP" "$DURATION" <<'PY'
import collections, json, sys, threading, time, urllib.request, urllib.error

api, storm, readers, warmup, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
USERS = ["leader1", "secretary1", "gridmember1", "party1", "party2", "party3", "resident1", "resident2", "resident3"]

def call(method, path, body=None, token=None):
    request = urllib.request.Request(api + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            status, text = answer.status, answer.read()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read()
    except Exception as e:
        status, text = type(e).__name__, b""
    return status, text, (time.monotonic() - start) * 1000

def login(user):
    return call("POST", "/auth/login", {"username": user, "password": "gridloop"})

token = json.loads(login("admin")[1])["accessToken"]
phase = {"measuring": False, "stop": False}
signins, reads, latencies = collections.Counter(), collections.Counter(), []
lock = threading.Lock()

def signer(i):
    n = 0
    while not phase["stop"]:
        status = login(USERS[(i + n) % len(USERS)])[0]
        n += 1
        if phase["measuring"]:
            with lock:
                signins[status] += 1

def reader():
    while not phase["stop"]:
        status, _, ms = call("GET", "/me", token=token)
        if phase["measuring"]:
            with lock:
                reads[status] += 1
                latencies.append(ms)
        time.sleep(0.05)

threads = [threading.Thread(target=signer, args=(i,), daemon=True) for i in range(storm)]
threads += [threading.Thread(target=reader, daemon=True) for _ in range(readers)]
for t in threads:
    t.start()
time.sleep(warmup)
phase["measuring"] = True
time.sleep(seconds)
phase["measuring"] = False
phase["stop"] = True

def p(q):
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

print(f"sign-ins: {sum(signins.values()) / seconds:.1f}/s, answered {dict(signins)}")
print(f"reads of /me: {sum(reads.values())}, answered {dict(reads)}; latency p50 {p(0.5):.0f}, p99 {p(0.99):.0f}, max {p(1.0):.0f} ms")
PY
