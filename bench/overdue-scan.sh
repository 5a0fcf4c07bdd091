#!/usr/bin/env bash
# The overdue scan over many open tickets, on two service instances sharing one database, against
# the same statement run once in raw SQL. Prints its figures; see docs/benchmarks.md.
#
# Usage: bench/overdue-scan.sh
#   TICKETS=100000   open tickets inserted (DISPATCHED, CLAIMED, IN_PROGRESS in turn)
#   OVERDUE=80       percent of them past a deadline (half of those past their RED time too)
#   EVERY=2s         how often each instance runs the deadline jobs
#   BENCH_PORT=18091 instance A's HTTP port; instance B takes the next one
#   KEEP=1           keep the data directory and logs
#
# Builds the jar if it is missing; starts everything it measures and stops it on exit; needs psql.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

TICKETS=${TICKETS:-100000}
OVERDUE=${OVERDUE:-80}
EVERY=${EVERY:-2s}
PORT_A=${BENCH_PORT:-18091}
PORT_B=$((PORT_A + 1))
data=$(mktemp -d)
pid_a= pid_b=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_started "$data" "$pid_b" "$pid_a"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql=$(command -v /usr/lib/postgresql/15/bin/psql psql | head -1 || true)
[[ -n $psql ]] || { echo "psql is needed (Debian package postgresql-client-15)" >&2; exit 1; }
ensure_service target/quarkus-app/quarkus-run.jar

# Both instances run the jobs; A owns the embedded PostgreSQL (fsync on), B uses A's database.
export GRIDLOOP_DEADLINES_EVERY=$EVERY GRIDLOOP_DEADLINES_DELAY=1s QUARKUS_HTTP_HOST=127.0.0.1 GRIDLOOP_DATA_DIR=$data
QUARKUS_PROFILE=demo QUARKUS_HTTP_PORT=$PORT_A QUARKUS_MANAGEMENT_PORT=$(management_port $PORT_A) java -jar target/quarkus-app/quarkus-run.jar >"$data/a.log" 2>&1 &
pid_a=$!
wait_ready "$PORT_A" "$pid_a" "$data/a.log"
pg_port=$(embedded_pg_port "$data/a.log")
QUARKUS_PROFILE=demo QUARKUS_HTTP_PORT=$PORT_B QUARKUS_MANAGEMENT_PORT=$(management_port $PORT_B) GRIDLOOP_SEED_ENABLED=false \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" \
  java -jar target/quarkus-app/quarkus-run.jar >"$data/b.log" 2>&1 &
pid_b=$!
wait_ready "$PORT_B" "$pid_b" "$data/b.log"
sql() { "$psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }
echo "two instances (A :$PORT_A, B :$PORT_B) on one embedded PostgreSQL :$pg_port, jobs every $EVERY"
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the tickets: open, spread over the demo district's grids, in one transaction -------------
# Of every 100: the first OVERDUE are past their deadline (the first half of those past RED too).
start=$(date +%s%N)
sql -c "
INSERT INTO ticket (id, district_id, number, kind, category_id, title, grid_id, grid_path, reporter_name, source,
                    matter_class, priority, status, dispatch_target, assignee_id, dispatched_at,
                    response_due_at, response_red_at, resolution_due_at, resolution_red_at, created_at, updated_at)
SELECT nextval('ticket_seq'), g.district_id, 'BENCH-' || i, 'ISSUE', c.id, '压测工单 ' || i, g.id, g.path, '压测', 'HOTLINE',
       'MINOR', 'NORMAL', s.status, 'POOL', NULL, now() - interval '3 days',
       now() + (CASE WHEN i % 100 < $OVERDUE / 2 THEN -50 WHEN i % 100 < $OVERDUE THEN -1 ELSE 1 END) * interval '1 hour',
       now() + (CASE WHEN i % 100 < $OVERDUE / 2 THEN -40 ELSE 10 END) * interval '1 hour',
       now() + (CASE WHEN i % 100 < $OVERDUE / 2 THEN -30 WHEN i % 100 < $OVERDUE THEN -1 ELSE 20 END) * interval '1 hour',
       now() + (CASE WHEN i % 100 < $OVERDUE / 2 THEN -20 ELSE 30 END) * interval '1 hour',
       now(), now()
FROM generate_series(1, $TICKETS) i
CROSS JOIN LATERAL (SELECT (ARRAY['DISPATCHED', 'CLAIMED', 'IN_PROGRESS'])[1 + i % 3] AS status) s
JOIN LATERAL (SELECT id, district_id, path FROM region WHERE type = 'GRID' ORDER BY id OFFSET i % 7 LIMIT 1) g ON true
JOIN LATERAL (SELECT id FROM category WHERE district_id = g.district_id AND code = 'GARBAGE') c ON true;
ANALYZE ticket;"
inserted=$(date +%s%N)
expected=$(sql -c "SELECT count(*) FROM ticket WHERE number LIKE 'BENCH-%' AND ((status = 'DISPATCHED' AND response_due_at < now()) OR resolution_due_at < now())")
red=$(sql -c "SELECT count(*) FROM ticket WHERE number LIKE 'BENCH-%' AND ((status = 'DISPATCHED' AND response_red_at < now()) OR resolution_red_at < now())")
printf "inserted %d open tickets in %.1f s: %d overdue, %d of them past RED\n" "$TICKETS" \
  "$(echo "($inserted - $start) / 1000000000" | bc -l)" "$expected" "$red"

# ---- the scan, as the two instances run it ----------------------------------------------------
for _ in $(seq 1 600); do
  done_=$(sql -c "SELECT count(*) FROM ticket WHERE number LIKE 'BENCH-%' AND escalation <> 'NORMAL'")
  [[ $done_ -ge $expected ]] && break
  sleep 0.5
done
echo
echo "each instance's deadline job runs that did work (from their logs):"
for side in a b; do
  grep -h 'deadline jobs:' "$data/$side.log" | sed -E "s/.*deadline jobs: /  ${side^^}: /" || echo "  ${side^^}: none"
done
scan_ms=$(grep -h 'deadline jobs:' "$data/a.log" "$data/b.log" | sed -E 's/.* in ([0-9]+) ms.*/\1/' | sort -n | tail -1)
echo "longest run: ${scan_ms} ms (both instances at once, batches of 500, timeline events and notifications included)"
twice=$(sql -c "SELECT count(*) FROM (SELECT e.ticket_id FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
                 WHERE t.number LIKE 'BENCH-%' AND e.action = 'escalate'
                 GROUP BY e.ticket_id, e.note HAVING count(*) > 1) x")
escalated=$(sql -c "SELECT count(*) FROM ticket WHERE number LIKE 'BENCH-%' AND escalation <> 'NORMAL'")
reds=$(sql -c "SELECT count(*) FROM ticket WHERE number LIKE 'BENCH-%' AND escalation = 'RED'")
echo "escalated: $escalated of $expected overdue ($reds RED of $red); tickets raised to one level twice: $twice"

# ---- the ceiling: the same statement once over everything, in raw SQL, rolled back ------------
echo
echo "raw SQL: the scan's statement once, unbatched, without notifications (rolled back):"
sql <<SQL | grep -E 'Time|rows' || true
BEGIN;
UPDATE ticket SET escalation = 'NORMAL', supervision = 'NORMAL' WHERE number LIKE 'BENCH-%';
\\timing on
WITH due AS (
    SELECT t.id, CASE WHEN (t.status = 'DISPATCHED' AND t.response_red_at < now()) OR t.resolution_red_at < now()
                      THEN 'RED' ELSE 'YELLOW' END AS level
    FROM ticket t
    WHERE ((t.status = 'DISPATCHED' AND t.response_due_at < now())
           OR (t.status IN ('DISPATCHED', 'CLAIMED', 'IN_PROGRESS') AND t.resolution_due_at < now()))
      AND t.escalation <> 'RED'
      AND (t.escalation = 'NORMAL' OR (t.status = 'DISPATCHED' AND t.response_red_at < now()) OR t.resolution_red_at < now())
    FOR UPDATE OF t SKIP LOCKED
), raised AS (
    UPDATE ticket t SET escalation = due.level, supervision = due.level, version = t.version + 1, updated_at = now()
    FROM due WHERE t.id = due.id RETURNING t.id, t.district_id, t.status, due.level
)
INSERT INTO ticket_event (id, ticket_id, district_id, actor_role, action, from_status, to_status, note, created_at)
SELECT nextval('ticket_event_seq'), id, district_id, 'SYSTEM', 'escalate', status, status, level, now() FROM raised;
\\timing off
ROLLBACK;
SQL
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $escalated -eq $expected && $twice -eq 0 ]] || { echo "FAILED: not every overdue ticket was raised exactly once" >&2; exit 1; }
echo "all checks passed"
