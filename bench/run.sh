#!/usr/bin/env bash
# Parley side by side with the raw Tyrus and Node ws broadcast servers, in one interleaved run.
#   bench/run.sh [quick|full]        quick: about 5-6 minutes; full: what bench/RESULTS.md reports
# Environment (all optional):
#   BENCH_SCENARIOS=S1,S2,...         a subset of S1,S2,S3,S4,S5,S6,S7,PAGING (default: all), and S1X2 (opt-in:
#                                     S1's room on two Parley nodes sharing PostgreSQL and Redis, beside one node)
#                                     S3, S7 and PAGING are Parley only: with only those, only Parley is started
#                                     unless BENCH_TARGETS says otherwise
#   BENCH_PG_JDBC, BENCH_PG_PSQL      S1X2's PostgreSQL, for the servers and for psql (default: 127.0.0.1:5432,
#                                     user postgres, database test); each run creates and drops its own schemas
#   BENCH_REDIS=redis://127.0.0.1:6379  S1X2's Redis; each run uses its own key prefixes
#   BENCH_TARGETS="parley tyrus node" which servers to run (Parley first: its ratios are to the others)
#   BENCH_JAVA_OPTS                   JVM options of both Java servers (default: -Xmx1g -XX:+UseSerialGC)
#   BENCH_JFR=1                       record JFR profiles of Parley and the Tyrus baseline (parley.jfr, tyrus.jfr)
#                                     into the run directory, sampling every 1 ms; read them with
#                                     jfr print --stack-depth 64 --events jdk.ExecutionSample
#   BENCH_PORT_BASE=18090             Parley, Tyrus and Node listen on BASE, BASE+1, BASE+2, S1X2's nodes on
#                                     BASE+3 (one node), BASE+4 and BASE+5 (two nodes); 127.0.0.1 only
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
SCENARIOS="${BENCH_SCENARIOS:-S1,S2,S3,S4,S5,S6,S7,PAGING}"
PG_JDBC="${BENCH_PG_JDBC:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
PG_PSQL="${BENCH_PG_PSQL:-postgresql://postgres@127.0.0.1:5432/test}"
REDIS="${BENCH_REDIS:-redis://127.0.0.1:6379}"

# S1X2 is opt-in and needs PostgreSQL and Redis: without them it is left out, with a message.
WANT_X2=0; OTHERS=()
IFS=, read -ra LIST <<<"$SCENARIOS"
for s in "${LIST[@]}"; do
  if [[ "${s^^}" == S1X2 ]]; then WANT_X2=1; else OTHERS+=("$s"); fi
done
if [[ $WANT_X2 == 1 ]]; then
  why=""
  if ! command -v psql >/dev/null || ! command -v redis-cli >/dev/null; then
    why="psql and redis-cli are needed (Debian: apt-get install postgresql-client redis-tools)"
  elif ! psql -q -X "$PG_PSQL" -c 'SELECT 1' >/dev/null 2>&1; then
    why="PostgreSQL is not reachable at $PG_PSQL (set BENCH_PG_PSQL and BENCH_PG_JDBC)"
  elif [[ "$(redis-cli -u "$REDIS" ping 2>/dev/null)" != PONG ]]; then
    why="Redis is not reachable at $REDIS (set BENCH_REDIS)"
  fi
  if [[ -n $why ]]; then
    echo "# skipping S1X2: $why" >&2
    WANT_X2=0
    SCENARIOS="$(IFS=,; echo "${OTHERS[*]}")"
    if [[ -z $SCENARIOS ]]; then exit 0; fi
  fi
fi
if [[ ${#OTHERS[@]} == 0 ]]; then
  TARGETS=""   # only S1X2: its own servers are all that is needed
elif [[ -z "${BENCH_TARGETS:-}" ]]; then
  only_parley=1   # S3, S7 and PAGING never use the baselines: do not start them for nothing
  for s in "${OTHERS[@]}"; do
    case "${s^^}" in S3|S7|PAGING) ;; *) only_parley=0 ;; esac
  done
  if [[ $only_parley == 1 ]]; then TARGETS=parley; fi
fi

# Only the jars this run uses: Parley's for the parley target and S1X2, Tyrus's for the tyrus target.
JARS=("$LOADGEN_JAR"); MODULES=(bench/loadgen)
if [[ " $TARGETS " == *" parley "* || " $TARGETS " == *" parley-nometrics "* || $WANT_X2 == 1 ]]; then JARS+=("$PARLEY_JAR"); MODULES+=(chat-grizzly-standalone); fi
if [[ " $TARGETS " == *" tyrus "* ]]; then JARS+=("$TYRUS_JAR"); MODULES+=(bench/tyrus-baseline); fi
for jar in "${JARS[@]}"; do
  if [[ ! -f $jar ]]; then
    if [[ "${BENCH_BUILD:-1}" == 0 ]]; then
      echo "missing $jar; run: mvn -B -DskipTests package" >&2; exit 1
    fi
    echo "# building: mvn -B -q -DskipTests package -pl $(IFS=,; echo "${MODULES[*]}") -am"
    mvn -B -q -DskipTests package -pl "$(IFS=,; echo "${MODULES[*]}")" -am
    break
  fi
done
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
STAMP="$(basename "$RUN_DIR" | tr -cd '0-9')"
SCHEMAS=(); PREFIXES=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  # S1X2's schemas and Redis keys are this run's alone (their names hold its time): drop them.
  for schema in "${SCHEMAS[@]}"; do
    psql -q -X "$PG_PSQL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  done
  for prefix in "${PREFIXES[@]}"; do
    redis-cli -u "$REDIS" --scan --pattern "$prefix*" 2>/dev/null | while read -r key; do
      redis-cli -u "$REDIS" del "$key" >/dev/null 2>&1 || true
    done
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
      STARTED_PID=$pid
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

# JFR options for a Java server's command line, in JFR (empty unless BENCH_JFR=1).
jfr_opts() {
  JFR=()
  if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    JFR=("-XX:StartFlightRecording=filename=$RUN_DIR/$1.jfr,settings=profile,jdk.ExecutionSample#period=1ms,jdk.ThreadCPULoad#period=1s,dumponexit=true")
  fi
}

TARGET_ARGS=()
STARTED_PID=
# shellcheck disable=SC2086 # JAVA_OPTS_SERVERS is a list of options
for t in $TARGETS; do
  case "$t" in
    parley)
      jfr_opts parley
      start parley "$BASE" "is running at" java $JAVA_OPTS_SERVERS "${JFR[@]}" -jar "$PARLEY_JAR" \
        --port "$BASE" --data-dir "$RUN_DIR/parley-data"
      TARGET_ARGS+=(--target "parley=parley@$BASE:$STARTED_PID") ;;
    parley-nometrics)   # the same server with --no-metrics: what collecting the metrics costs
      jfr_opts parley-nometrics
      start parley-nometrics $((BASE + 6)) "is running at" java $JAVA_OPTS_SERVERS "${JFR[@]}" -jar "$PARLEY_JAR" \
        --port $((BASE + 6)) --data-dir "$RUN_DIR/parley-nometrics-data" --no-metrics
      TARGET_ARGS+=(--target "parley-nometrics=parley@$((BASE + 6)):$STARTED_PID") ;;
    tyrus)
      jfr_opts tyrus
      start tyrus $((BASE + 1)) "READY port=" java $JAVA_OPTS_SERVERS "${JFR[@]}" -jar "$TYRUS_JAR" --port $((BASE + 1))
      TARGET_ARGS+=(--target "tyrus=tyrus@$((BASE + 1)):$STARTED_PID") ;;
    node)
      start node $((BASE + 2)) "READY port=" node --expose-gc bench/node-baseline/server.js --port $((BASE + 2))
      TARGET_ARGS+=(--target "node=node@$((BASE + 2)):$STARTED_PID") ;;
    *) echo "unknown target '$t' in BENCH_TARGETS (parley, parley-nometrics, tyrus, node)" >&2; exit 2 ;;
  esac
done

# S1X2: "pg1" is one Parley node and "x2" two, each on a fresh PostgreSQL schema and its own Redis key
# prefix, with the same options, so the second node is the only difference. All three share core 0.
if [[ $WANT_X2 == 1 ]]; then
  for setup in one two; do
    schema="bench_${STAMP}_$setup"
    PGOPTIONS=--client-min-messages=warning psql -q -X -v ON_ERROR_STOP=1 "$PG_PSQL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema" >/dev/null
    SCHEMAS+=("$schema"); PREFIXES+=("parley-bench-$STAMP-$setup")
  done
  db() { echo "$PG_JDBC$([[ $PG_JDBC == *\?* ]] && echo '&' || echo '?')currentSchema=$1"; }
  start pg1 $((BASE + 3)) "is running at" java $JAVA_OPTS_SERVERS -jar "$PARLEY_JAR" --port $((BASE + 3)) \
    --data-dir "$RUN_DIR/pg1-data" --db-url "$(db "${SCHEMAS[0]}")" --redis "$REDIS" --redis-prefix "${PREFIXES[0]}" --node-id 1
  TARGET_ARGS+=(--cluster-target "pg1=parley@$((BASE + 3)):$STARTED_PID")
  nodes=()
  for n in 1 2; do   # node 1 creates the tables before node 2 starts
    start "x2-node$n" $((BASE + 3 + n)) "is running at" java $JAVA_OPTS_SERVERS -jar "$PARLEY_JAR" --port $((BASE + 3 + n)) \
      --data-dir "$RUN_DIR/x2-node$n-data" --db-url "$(db "${SCHEMAS[1]}")" --redis "$REDIS" --redis-prefix "${PREFIXES[1]}" \
      --node-id "$n"
    nodes+=("$((BASE + 3 + n)):$STARTED_PID")
  done
  TARGET_ARGS+=(--cluster-target "x2=parley@$(IFS=+; echo "${nodes[*]}")")
fi

{
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); node $(node --version 2>/dev/null || echo absent)"
  echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); mode $MODE; run directory $RUN_DIR"
} | tee "$RUN_DIR/report.txt"

"${PIN_LOADGEN[@]}" java -Xms512m -Xmx1g -jar "$LOADGEN_JAR" --mode "$MODE" "${TARGET_ARGS[@]}" \
  --scenarios "$SCENARIOS" --results "$RUN_DIR/results.jsonl" \
  | tee -a "$RUN_DIR/report.txt"
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg); report in $RUN_DIR/report.txt" | tee -a "$RUN_DIR/report.txt"
