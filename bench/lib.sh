# Shared by the bench scripts: stopping what they started, waiting for a service to be ready, and
# building the jars they run.

# Stops a process: TERM, up to 30 s, then KILL.
stop_pid() {
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "pid $pid did not stop in 30 s; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
}

# Stops the embedded PostgreSQL of a data directory if it is still running (after a killed JVM it would be).
stop_embedded_postgres() { # data-dir
  local pm=$1/postgres/postmaster.pid pg
  [[ -f $pm ]] || return 0
  pg=$(head -1 "$pm")
  if [[ -n $pg ]] && kill -0 "$pg" 2>/dev/null && grep -q "$1/postgres" "/proc/$pg/cmdline" 2>/dev/null; then
    kill -INT "$pg" 2>/dev/null || true   # fast shutdown
    for _ in $(seq 1 300); do kill -0 "$pg" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pg" 2>/dev/null && kill -9 "$pg" 2>/dev/null || true
  fi
}

# Stops what a script started on one data directory: the processes, in the order given (a service before the
# embedded PostgreSQL it started), then that PostgreSQL, then removes the directory, unless KEEP=1 keeps it.
stop_started() { # data-dir pid...
  local data=$1 pid
  shift
  for pid in "$@"; do stop_pid "$pid"; done
  stop_embedded_postgres "$data"
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept: $data"; else rm -rf "$data"; fi
}

# A packaged service answers health on its management interface, at the HTTP port + 1000 (the scripts
# set QUARKUS_MANAGEMENT_PORT so), a build without one on the HTTP port itself.
management_port() { echo $(( $1 + 1000 )); }

# The port of the embedded PostgreSQL a service started, from its log line "Embedded PostgreSQL started on port N".
embedded_pg_port() { # log
  sed -n 's/.*Embedded PostgreSQL started on port \([0-9]*\).*/\1/p' "$1" | head -1
}

# Waits up to 120 s for /q/health/ready of the service on that HTTP port; gives up if the process exits.
wait_ready() { # port pid log
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$(management_port "$1")/q/health/ready" >/dev/null && return 0
    curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "the service on port $1 exited; log:" >&2; tail -30 "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "not ready after 120 s; log:" >&2; tail -30 "$3" >&2; exit 1
}

# Starts the packaged service in the demo profile on 127.0.0.1, with its own embedded PostgreSQL in the data directory,
# waits until it is ready, and sets pid_app (set before the wait, for the caller's clean-up), pg_port and postmaster.
start_demo() { # app port data-dir
  QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$(management_port "$2") \
    GRIDLOOP_DATA_DIR=$3 java -jar "$1" >"$3/app.log" 2>&1 &
  pid_app=$!
  wait_ready "$2" "$pid_app" "$3/app.log"
  pg_port=$(embedded_pg_port "$3/app.log")
  postmaster=$(head -1 "$3/postgres/postmaster.pid")
}

# The demo district admin's access token.
admin_token() { # api
  curl -sf -X POST "$1/auth/login" -H 'Content-Type: application/json' -d '{"username":"admin","password":"gridloop"}' \
    | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}

# Subscribes the district admin to every event type at the URL; prints the subscription's id.
subscribe_everything() { # api token url
  curl -sf -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -X POST "$1/webhooks" \
    -H "Idempotency-Key: bench-$RANDOM$RANDOM" -d "{\"url\":\"$3\",
      \"events\":[\"ticket.created\",\"ticket.status_changed\",\"ticket.feedback\",\"ticket.overdue\",\"ticket.supervised\"]}" \
    | sed 's/^{"id":\([0-9]*\).*/\1/'
}

# The service's jar: the default one (target/quarkus-app/quarkus-run.jar) is built when it is missing;
# any other path must exist (a copy of an older build, to compare two builds).
ensure_service() { # app
  [[ -f $1 || $1 != target/quarkus-app/quarkus-run.jar ]] || ./mvnw -B -q package -DskipTests
  [[ -f $1 ]] || { echo "no $1" >&2; exit 1; }
}

# The load generator's jar (bench/loadgen), built again when its sources are newer than it.
loadgen=bench/loadgen/target/loadgen.jar
ensure_loadgen() {
  if [[ ! -f $loadgen || -n $(find bench/loadgen/pom.xml bench/loadgen/src -newer "$loadgen" -print -quit) ]]; then
    echo "building the load generator (bench/loadgen)"
    ./mvnw -B -q -f bench/loadgen/pom.xml package
  fi
}
