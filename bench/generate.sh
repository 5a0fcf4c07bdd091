#!/usr/bin/env bash
# A district of Lufeng's size and N tickets over three years (bench/ticket-file.py), in a data directory
# the benchmark (bench/metrics.sh) and the service can be started on again:
#   1. the packaged service starts on an embedded PostgreSQL in DATA (demo profile: the demo district);
#   2. the district admin imports bench/district-file.py --lufeng through POST /api/v1/district/import
#      (21 streets, 346 communities, 3,047 grids with boundaries, 150 units, 216,244 accounts);
#   3. ticket-file.py writes the tickets and their timelines in batches while psql loads each batch
#      by COPY (tickets, then their events, then their search documents; triggers off, and the indexes that
#      take rows in random order dropped: bench/generate-indexes.sql), with a progress line;
#   4. those indexes are built again, the sequences (ids, numbers per year) moved past what was loaded,
#      the tables analysed, the
#      metrics counters counted by POST /api/v1/metrics/rebuild, a calendar year at a time, and
#      bench/generate-check.sql checks the invariants the service relies on (each must print 0),
#      then the service's own summary for the busiest grid is compared with a count in SQL.
#
# Usage: bench/generate.sh [N]            N tickets (default 1,000,000)
#   DATA=dir        where the database lives (default bench/data); must not exist yet
#   BENCH_PORT=18095  the HTTP port while generating (health on BENCH_PORT + 1000)
#   SEED=11         the generator's seed
#   APP=path/quarkus-run.jar  the service (default target/quarkus-app/quarkus-run.jar, built if missing)
# The service is stopped at the end; the database stays in DATA (bench/metrics.sh starts on it).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

N=${1:-1000000}
DATA=${DATA:-bench/data}
PORT=${BENCH_PORT:-18095}
APP=${APP:-target/quarkus-app/quarkus-run.jar}
[[ ! -e $DATA ]] || { echo "$DATA exists: remove it or set DATA" >&2; exit 1; }
psql=$(command -v /usr/lib/postgresql/15/bin/psql psql | head -1 || true)
[[ -n $psql ]] || { echo "psql is needed (Debian package postgresql-client-15)" >&2; exit 1; }
mkdir -p "$DATA/generated"
DATA=$(cd "$DATA" && pwd)
pid=
cleanup() {
  trap - EXIT INT TERM
  set +e
  stop_pid "$pid"
  stop_embedded_postgres "$DATA"
}
trap cleanup EXIT INT TERM

ensure_service "$APP"
echo "machine: $(nproc) cores, load $(uptime | sed 's/.*load average: //')"
started=$(date +%s)
for part in 0 1 2; do  # an import takes 100,000 accounts at most: three files, the same tree in each
  python3 bench/district-file.py --lufeng --parts=3 --part=$part >"$DATA/generated/district-$part.yaml"
done
# the imports and the counters' rebuild (about 510 s for a million tickets here, 20 min a year at ten million) run longer than the 60 s
# a request's transaction may take by default; the scheduler is off, so no job reads the tables while the load has
# dropped their indexes (and none writes reminders or escalations into what is loaded)
QUARKUS_PROFILE=demo QUARKUS_SCHEDULER_ENABLED=false QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$(management_port "$PORT") \
  QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT=${QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT:-10800s} \
  GRIDLOOP_DATA_DIR=$DATA java -jar "$APP" >"$DATA/generate.log" 2>&1 &
pid=$!
wait_ready "$PORT" "$pid" "$DATA/generate.log"
pg_port=$(embedded_pg_port "$DATA/generate.log")
echo "$pg_port" >"$DATA/pg-port"
sql() { "$psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }

api=http://127.0.0.1:$PORT/api/v1
token=$(admin_token "$api")
for part in 0 1 2; do
  echo "importing the district, part $part ($(du -m "$DATA/generated/district-$part.yaml" | cut -f1) MB of YAML)"
  curl -sS --fail-with-body --max-time 3000 -o "$DATA/generated/import-$part.json" \
    -w 'imported: HTTP %{http_code} in %{time_total} s\n' -X POST "$api/district/import" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/yaml' --data-binary "@$DATA/generated/district-$part.yaml" ||
    { cat "$DATA/generated/import-$part.json" >&2; exit 1; }
done

# what the generator needs to know of the district, as one JSON document
sql -f bench/generate-district.sql >"$DATA/generated/district.json"

# the load writes each table's rows without the indexes that take them in random order (kept: primary keys, unique and
# partial indexes); they are built again after it, sorted once, by two workers (generate-indexes.sql)
sql -c "ALTER SYSTEM SET max_wal_size = '4GB'" -c "SELECT pg_reload_conf()" >/dev/null
sql -f bench/generate-indexes.sql >"$DATA/generated/indexes.sql"
echo "generating and loading $N tickets ($(grep -c '^CREATE' "$DATA/generated/indexes.sql") indexes of ticket, ticket_event and ticket_search left to after the load)"
loaded=0
python3 bench/ticket-file.py "$N" "$DATA/generated/district.json" "$DATA/generated" --seed="${SEED:-11}" |
while read -r batch; do
  [[ $batch == done ]] && break
  # triggers off for the load (the metrics counters, the webhook outbox, the search documents): the counters are
  # counted once after it, the batch's search documents written right after its tickets
  sql -c "SET session_replication_role = replica" \
      -c "\\copy ticket ($(cat "$DATA/generated/ticket.columns")) FROM '$DATA/generated/tickets-$batch.copy'" \
      -c "\\copy ticket_event ($(cat "$DATA/generated/event.columns")) FROM '$DATA/generated/events-$batch.copy'" \
      -c "INSERT INTO ticket_search (ticket_id, document) SELECT t.id, search_document(t.title, t.description) FROM ticket t
          WHERE t.id > (SELECT coalesce(max(s.ticket_id), 0) FROM ticket_search s)"
  loaded=$(( loaded + $(wc -l <"$DATA/generated/tickets-$batch.copy") ))
  rm "$DATA/generated/tickets-$batch.copy" "$DATA/generated/events-$batch.copy"
  elapsed=$(( $(date +%s) - started ))
  printf 'loaded batch %s: %s tickets loaded, %s s since the start\n' "$batch" "$loaded" "$elapsed"
done
step=$(date +%s)
sql -c "SET maintenance_work_mem = '1GB'" -c "SET max_parallel_maintenance_workers = 2" -f "$DATA/generated/indexes.sql"
sql -c "ALTER SYSTEM RESET max_wal_size" -c "SELECT pg_reload_conf()" >/dev/null
echo "indexes built in $(( $(date +%s) - step )) s, $(( $(date +%s) - started )) s since the start"
sql -f bench/generate-finish.sql
# the metrics counters of what was loaded (the triggers were off), counted by the service's own rebuild
first=$(sql -c "SELECT to_char(min(created_at) AT TIME ZONE 'Asia/Shanghai' - interval '1 day', 'YYYY-MM-DD') FROM ticket")
last=$(sql -c "SELECT to_char(max(created_at) AT TIME ZONE 'Asia/Shanghai' + interval '60 days', 'YYYY-MM-DD') FROM ticket")
# a calendar year at a time: the recount sorts its rows on disk, and ten million tickets' three years at once
# needed 22 GB for that beside the tables (docs/benchmarks.md)
for (( year = ${first:0:4}; year <= ${last:0:4}; year++ )); do
  from=$year-01-01 to=$year-12-31
  [[ $from > $first ]] || from=$first
  [[ $to < $last ]] || to=$last
  token=$(admin_token "$api")  # a year may take longer than a token lives
  curl -sS --fail-with-body --max-time 10800 -o "$DATA/generated/rebuild.json" \
    -w "counters of $from..$to rebuilt: HTTP %{http_code} in %{time_total} s" \
    -X POST "$api/metrics/rebuild?from=$from&to=$to" -H "Authorization: Bearer $token" ||
    { cat "$DATA/generated/rebuild.json" >&2; exit 1; }
  echo ", $(( $(date +%s) - started )) s since the start"
done
echo "checking the invariants (each line must end in 0):"
sql -f bench/generate-check.sql
# the busiest grid: the district's three years take the recount longer than the service's 60 s
# transaction timeout (docs/benchmarks.md)
region=$(sql -c "SELECT grid_id FROM ticket GROUP BY grid_id ORDER BY count(*) DESC, grid_id LIMIT 1")
echo "the service's summary for grid $region over the three years, against a count in SQL:"
from=$(sql -c "SELECT to_char(min(created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') FROM ticket")
to=$(sql -c "SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')")
token=$(admin_token "$api")  # the last one may have expired during its year's rebuild
summary=$(curl -sf --max-time 600 -H "Authorization: Bearer $token" "$api/metrics/summary?regionId=$region&from=$from&to=$to")
recount=$(sql -v region="$region" -v from="$from" -v to="$to" -f bench/generate-recount.sql)
python3 - "$summary" "$recount" <<'PY'
import json, sys
figures, recount = json.loads(sys.argv[1])["figures"], json.loads(sys.argv[2])
service = {"filed": figures["filed"], "byStatus": {k: v for k, v in figures["byStatus"].items() if v},
           "ratings": figures["satisfactionRate"]["denominator"], "satisfied": figures["satisfactionRate"]["numerator"],
           "solved": figures["resolutionRate"]["numerator"], "responsesDue": figures["responseRate"]["denominator"],
           "respondedInTime": figures["responseRate"]["numerator"], "overdue": figures["overdue"],
           "supervised": figures["supervised"]}
for key, value in service.items():
    print(f"  {key:16} service {json.dumps(value, sort_keys=True)}  SQL {json.dumps(recount[key], sort_keys=True)}"
          f"  {'agree' if value == recount[key] else 'DIFFER'}")
PY
echo "done in $(( $(date +%s) - started )) s; load now: $(uptime | sed 's/.*load average: //'); database in $DATA"
