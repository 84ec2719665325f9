#!/usr/bin/env bash
# Parley side by side with the raw Tyrus and Node ws broadcast servers, in one interleaved run.
#   bench/run.sh [quick|full]        quick: under 5 minutes; full: what bench/RESULTS.md reports
# Environment (all optional):
#   BENCH_SCENARIOS=S1,S2,...         a subset of S1,S2,S3,S4,S5,S6,PAGING (default: all)
#   BENCH_TARGETS="parley tyrus node" which servers to run (Parley first: its ratios are to the others)
#   BENCH_JAVA_OPTS                   JVM options of both Java servers (default: -Xmx1g -XX:+UseSerialGC)
#   BENCH_JFR=1                       record a JFR profile of Parley into the run directory
#   BENCH_PORT_BASE=18090             Parley, Tyrus and Node listen on BASE, BASE+1, BASE+2 (127.0.0.1 only)
#   BENCH_BUILD=0                     never build; fail if a jar is missing
# Output: a directory bench/loadgen/target/run-<time>/ with report.txt, results.jsonl and the server logs.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-quick}"
case "$MODE" in quick|full) ;; *) echo "usage: bench/run.sh [quick|full]" >&2; exit 2 ;; esac

PARLEY_JAR=chat-grizzly-standalone/target/chat-server.jar
TYRUS_JAR=bench/tyrus-baseline/target/tyrus-baseline.jar
LOADGEN_JAR=bench/loadgen/target/loadgen.jar
TARGETS="${BENCH_TARGETS:-parley tyrus node}"
JAVA_OPTS_SERVERS="${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseSerialGC}"
BASE="${BENCH_PORT_BASE:-18090}"

if [[ ! -f $PARLEY_JAR || ! -f $TYRUS_JAR || ! -f $LOADGEN_JAR ]]; then
  if [[ "${BENCH_BUILD:-1}" == 0 ]]; then
    echo "missing jars; run: mvn -B -DskipTests package" >&2; exit 1
  fi
  echo "# building: mvn -B -q -DskipTests package -pl chat-grizzly-standalone,bench/tyrus-baseline,bench/loadgen -am"
  mvn -B -q -DskipTests package -pl chat-grizzly-standalone,bench/tyrus-baseline,bench/loadgen -am
fi
if [[ " $TARGETS " == *" node "* && ! -d bench/node-baseline/node_modules/ws ]]; then
  echo "# installing the Node baseline's dependencies: npm ci"
  (cd bench/node-baseline && npm ci --no-audit --no-fund --loglevel=error)
fi

# Thousands of sockets per process; the hard limit bounds what we may ask for.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ "$(ulimit -n)" != unlimited && "$(ulimit -n)" -lt 12000 ]]; then
  echo "# warning: ulimit -n is $(ulimit -n); the idle scenario in full mode needs about 10,100 descriptors" >&2
fi

# Servers on core 0, the load generator on core 1, when there are two cores to pin to.
if command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]]; then
  PIN_SERVER=(taskset -c 0); PIN_LOADGEN=(taskset -c 1)
else
  PIN_SERVER=(); PIN_LOADGEN=()
  echo "# warning: no taskset or fewer than 2 cores: servers and load generator share the CPUs" >&2
fi

RUN_DIR="bench/loadgen/target/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts a server in the background and waits (60 s at most) for its ready line in its log.
start() {
  local name=$1 port=$2 ready=$3; shift 3
  if ! port_free "$port"; then
    echo "port $port (for $name) is taken; set BENCH_PORT_BASE to a free range" >&2; exit 1
  fi
  : >"$RUN_DIR/$name.log"
  "${PIN_SERVER[@]}" "$@" >"$RUN_DIR/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 600); do
    if grep -q "$ready" "$RUN_DIR/$name.log"; then
      TARGET_ARGS+=(--target "$name=$name@$port:$pid")
      echo "# $name: pid $pid on 127.0.0.1:$port: $*"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during start-up:" >&2; cat "$RUN_DIR/$name.log" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "$name did not become ready in 60 s:" >&2; cat "$RUN_DIR/$name.log" >&2; exit 1
}

TARGET_ARGS=()
# shellcheck disable=SC2086 # JAVA_OPTS_SERVERS is a list of options
for t in $TARGETS; do
  case "$t" in
    parley)
      JFR=()
      if [[ "${BENCH_JFR:-0}" == 1 ]]; then
        JFR=("-XX:StartFlightRecording=filename=$RUN_DIR/parley.jfr,settings=profile,dumponexit=true")
      fi
      start parley "$BASE" "is running at" java $JAVA_OPTS_SERVERS "${JFR[@]}" -jar "$PARLEY_JAR" \
        --port "$BASE" --data-dir "$RUN_DIR/parley-data" ;;
    tyrus)
      start tyrus $((BASE + 1)) "READY port=" java $JAVA_OPTS_SERVERS -jar "$TYRUS_JAR" --port $((BASE + 1)) ;;
    node)
      start node $((BASE + 2)) "READY port=" node --expose-gc bench/node-baseline/server.js --port $((BASE + 2)) ;;
    *) echo "unknown target '$t' in BENCH_TARGETS (parley, tyrus, node)" >&2; exit 2 ;;
  esac
done

{
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); node $(node --version 2>/dev/null || echo absent)"
  echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); mode $MODE; run directory $RUN_DIR"
} | tee "$RUN_DIR/report.txt"

"${PIN_LOADGEN[@]}" java -Xms512m -Xmx1g -jar "$LOADGEN_JAR" --mode "$MODE" "${TARGET_ARGS[@]}" \
  --scenarios "${BENCH_SCENARIOS:-S1,S2,S3,S4,S5,S6,PAGING}" --results "$RUN_DIR/results.jsonl" \
  | tee -a "$RUN_DIR/report.txt"
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg); report in $RUN_DIR/report.txt" | tee -a "$RUN_DIR/report.txt"
