#!/usr/bin/env bash
# Two builds of the service side by side in one run, for what this machine's drift hides between runs: each
# build started on its own embedded PostgreSQL (the demo profile), both warmed up, then filing load in short
# alternating slices, A B A B ..., with the CPU per request of each service and its PostgreSQL, and the requests that
# failed, in every slice.
# The load is filing (bench/ticket-loop.sh's (a)) or, with WHAT=loop, whole loops (its (b): file, triage, dispatch,
# claim, start, resolve, feedback).
# Neighbouring slices are seconds apart, so the ratio of a pair is not the machine's pace moving between runs of
# several minutes (bench/ticket-loop.sh's figures moved by a half between two runs of one jar). See docs/benchmarks.md.
# The order is balanced by construction: the warm-ups are interleaved in chunks (A, B, A, B, ...: neither idles through
# the other's whole warm-up), and the rounds alternate which build goes first (A B, then B A, ...), with the median
# of the A-first and of the B-first rounds reported apart. Before this, with A always first, the same two builds
# measured 0.65 and 0.49 a loop request as A and as B (docs/benchmarks.md, 2026-12-07 05:57-08:24).
#
# Usage: A=old/quarkus-run.jar B=new/quarkus-run.jar bench/filing-turns.sh
#   A_ENV, B_ENV  settings for that side's service only, as NAME=value words (one build under two settings:
#                 A=x.jar B=x.jar B_ENV="QUARKUS_VERTX_PREFER_NATIVE_TRANSPORT=true")
#   A_DATA, B_DATA  a database each side starts on, made by bench/generate.sh (default: a new demo database each);
#                 one jar on two such databases compares filing at two sizes (docs/benchmarks.md)
#   WARMUP=180    seconds of mixed load on each service before anything is measured (the JIT needs minutes)
#   CHUNK=60      seconds of a side's warm-up before the other side's turn
#   WHAT=filing   the load of a slice: filing, loop, or "filing loop" (a slice of each in every round)
#   SLICE=20      seconds of that load in each slice
#   ROUNDS=8      slices of each build (A B, B A, A B, ... : 2 x ROUNDS slices); an even number balances the order
#   WORKERS=32    concurrent workers
#   BENCH_PORT=18081   A's HTTP port; B takes the one after next
#
# Uses bench/loadgen's measure command for every slice (no pgbench; the other load for one second).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

A=${A:?A=path/quarkus-run.jar of the first build}
B=${B:?B=path/quarkus-run.jar of the second build}
WARMUP=${WARMUP:-180}
CHUNK=${CHUNK:-60}
SLICE=${SLICE:-20}
ROUNDS=${ROUNDS:-8}
WORKERS=${WORKERS:-32}
WHAT=${WHAT:-filing}
read -r -a kinds <<<"$WHAT"
for kind in "${kinds[@]}"; do
  [[ $kind == filing || $kind == loop ]] || { echo "WHAT: filing, loop or both ('filing loop'), not '$kind'" >&2; exit 2; }
done
PORT=${BENCH_PORT:-18081}

ensure_service "$A"
ensure_service "$B"
ensure_loadgen

work=$(mktemp -d)
pids=()
cleanup() {
  trap - EXIT INT TERM
  set +e
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  for side in a b; do stop_embedded_postgres "${data[$side]}"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "interrupted: stopping what was started" >&2; exit 130' INT TERM

declare -A url pid postmaster pg_port
declare -A settings=([a]=${A_ENV:-} [b]=${B_ENV:-})
declare -A data=([a]=${A_DATA:-$work/a} [b]=${B_DATA:-$work/b})
for given in "${A_DATA:-}" "${B_DATA:-}"; do
  [[ -z $given || -d $given/postgres ]] || { echo "no database in $given: run bench/generate.sh first" >&2; exit 1; }
done
start() { # side jar port
  local side=$1 jar=$2 port=$3
  mkdir -p "${data[$side]}" "$work/$side"
  QUARKUS_PROFILE=demo QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$(management_port "$port") \
    GRIDLOOP_DATA_DIR=${data[$side]} env ${settings[$side]} java -jar "$jar" >"$work/$side.log" 2>&1 &
  pid[$side]=$!
  pids+=("$!")
  wait_ready "$port" "${pid[$side]}" "$work/$side.log"
  url[$side]=http://127.0.0.1:$port
  pg_port[$side]=$(embedded_pg_port "$work/$side.log")
  postmaster[$side]=$(head -1 "${data[$side]}/postgres/postmaster.pid")
}

# One measure run on a side, its output to a file: the warm-up, then SLICE seconds of one kind of load and one of the other.
run() { # side warmup what seconds out
  local side=$1 filing=1 loop=1
  if [[ $3 == loop ]]; then loop=$4; else filing=$4; fi
  java -jar "$loadgen" measure --url "${url[$side]}" --workers "$WORKERS" --warmup "$2" --filing "$filing" --loop "$loop" --ceiling 0 \
    --pgbench "" --pgbench-missing "not used here" --pgbench-script bench/filing.pgbench --pg-port "${pg_port[$side]}" \
    --work-dir "$work/$side" --service-pid "${pid[$side]}" --postmaster-pid "${postmaster[$side]}" >"$5" 2>&1 || true
}

start a "$A" "$PORT"
start b "$B" $((PORT + 2))
echo "A: $A on ${data[a]}${A_ENV:+ with $A_ENV}"
echo "B: $B on ${data[b]}${B_ENV:+ with $B_ENV}"
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $WORKERS workers, slices of $SLICE s of $WHAT"
echo "warming up A and B: $WARMUP s each, in turns of $CHUNK s"
for ((done_s = 0; done_s < WARMUP; done_s += CHUNK)); do
  for side in a b; do
    run "$side" $((WARMUP - done_s < CHUNK ? WARMUP - done_s : CHUNK)) filing 1 "$work/warm-$side.out"
  done
done
# one slice of each, not counted, before the rounds (in a run of one jar against itself, with the warm-ups one after
# the other, the first round gave B 0.65 of A's CPU per filing, the seven after it 0.78-1.20, median 1.01)
for side in a b; do
  run "$side" 0 "${kinds[0]}" "$SLICE" "$work/settle-$side.out"
done

printf '\n%-6s %-6s %-5s %10s %9s %12s %9s %11s %7s   (CPU per request)\n' slice load build requests/s "p99 ms" "JVM ms CPU" \
  "of it JIT" "PG ms CPU" failed
for round in $(seq 1 "$ROUNDS"); do
  if ((round % 2)); then order="a b"; else order="b a"; fi
  for kind in "${kinds[@]}"; do
    for side in $order; do
      out=$work/slice-$round-$kind-$side.out
      run "$side" 0 "$kind" "$SLICE" "$out"
      if [[ $kind == loop ]]; then
        rate=$(awk '/ loops\/s \(/ { sub(/^\(/, "", $9); r = $9 } /^  all / { print r, $5 }' "$out" | head -1)
        cpu=$(sed -n 's/.*per request: service JVM \([0-9.]*\) ms CPU, PostgreSQL \([0-9.]*\) ms CPU.*/\1 \2/p' "$out" | tail -1)
        jit=$(sed -n 's/.*CPU per request: JIT compiler \([0-9.]*\) ms.*/\1/p' "$out" | tail -1)
      else
        rate=$(sed -n 's/.* = \([0-9.]*\) requests\/s; latency.*p99 \([0-9.]*\),.*/\1 \2/p' "$out" | head -1)
        cpu=$(sed -n 's/.*per filing: service JVM \([0-9.]*\) ms CPU, PostgreSQL \([0-9.]*\) ms CPU.*/\1 \2/p' "$out" | head -1)
        jit=$(sed -n 's/.*CPU per filing: JIT compiler \([0-9.]*\) ms.*/\1/p' "$out" | head -1)
      fi
      failed=$(sed -n "s/^failed units: filing \([0-9]*\), loop \([0-9]*\),.*/\1 \2/p" "$out" |
        awk -v k="$kind" '{ print (k == "loop") ? $2 : $1 }')
      [[ -n $rate && -n $cpu && -n $jit && -n $failed ]] || {
        echo "slice $round $kind ${side^^}: no figures; its output:" >&2; cat "$out" >&2; exit 1; }
      read -r jvm pg <<<"$cpu"
      printf '%-6s %-6s %-5s %10s %9s %12s %9s %11s %7s\n' "$round" "$kind" "${side^^}" $rate "$jvm" "$jit" "$pg" "$failed"
      grep -m 2 '^  unexpected: ' "$out" | sed 's/^  /         /' || true
      echo "$round ${side^^} $rate $jvm $pg $(awk -v j="$jvm" -v c="$jit" 'BEGIN { printf "%.3f", j - c }') $kind ${order%% *}" \
        >>"$work/figures"
    done
  done
done

# Per round: B's CPU per request over A's, for the service and for PostgreSQL; then the median and range of each, of
# all rounds and of the rounds A went first and B went first.
ratios() { # kind column (5: JVM, 6: PostgreSQL, 7: JVM without its JIT compiler threads) [first: a or b]
  awk -v k="$1" -v c="$2" -v first="${3:-}" '$8 != k || (first != "" && $9 != first) { next }
      $2 == "A" { a[$1] = $c } $2 == "B" { b[$1] = $c }
      END { for (r in a) if (r in b) printf "%.3f\n", b[r] / a[r] }' "$work/figures" | sort -n |
    awk '{ r[NR] = $1 } END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
                             printf "%.3f (rounds %.3f .. %.3f, %d rounds)", m, r[1], r[NR], NR }'
}
for kind in "${kinds[@]}"; do
  echo
  echo "B over A, the median of the rounds' ratios of CPU per request ($kind): service JVM $(ratios "$kind" 5);"
  echo "  PostgreSQL $(ratios "$kind" 6); the service without its JIT compiler threads $(ratios "$kind" 7)"
  if ((ROUNDS > 1)); then
    echo "  service JVM in the rounds A went first $(ratios "$kind" 5 a), B first $(ratios "$kind" 5 b)"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
