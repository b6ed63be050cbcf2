#!/usr/bin/env bash
# remedy engine benchmark: one command, one database kind, a few minutes. See BENCHMARKS.md.
#
#   bench/engine/run.sh h2         [path/to/quarkus-run.jar]   # jar built with ./mvnw package
#   bench/engine/run.sh postgresql [path/to/quarkus-run.jar]   # jar built with ./mvnw package -Ppostgresql
#
# The jar defaults to target/quarkus-app/quarkus-run.jar. The database kind is fixed when the jar
# is built, so pass the kind the jar was built for. The harness (bench/engine, a Maven project of
# its own) is built on first use into bench/engine/target/engine-benchmarks.jar. What it does:
#   1. starts a fake cluster on 127.0.0.1 (Fabric8's KubernetesMockServer in CRUD mode, plain
#      HTTP, a free port) with $DEPLOYMENTS rolled-out Deployments d-0, d-1, ... in namespace
#      "bench", and writes two workflows: bench-one (alertname=BenchOne: restart Deployment
#      d-<n> from the alert's deployment label) and bench-three (alertname=BenchThree: restart,
#      scale to 3, scale to 2; three mutating steps, no wait, no approval);
#   2. starts the service on 127.0.0.1:$PORT with a fresh database (a new H2 file in $OUT, or
#      PostgreSQL database $PGDATABASE dropped and created again), pointed at the fake cluster,
#      with $ENGINE_WORKERS engine workers and the action budget switched off; waits
#      for /q/health/ready and checks that one run of each workflow succeeds;
#   3. warms up ($WARMUP_S s at $WARMUP_RATE notifications/s, both workflows, not reported);
#   4. alert received -> first mutating call: BenchOne notifications (one new firing alert each,
#      so one run each), open loop at $LOW_RATE/s for $LOW_S s and at $HIGH_RATE/s for $HIGH_S s
#      (each after $PHASE_WARMUP_S s not measured); per run, the first attempt's startedAt (GET
#      /api/v1/runs/{id}; the attempt is committed just before the Kubernetes call) minus the
#      notification's scheduled send time (no coordinated omission). The arrival of the run's
#      restart PATCH at the fake cluster is shown beside it: startedAt is the worker's clock
#      reading when it decides the step, before the budget query, the commit of the attempt,
#      the GET of the Deployment and the checkpoint, so the PATCH is the later, stricter figure;
#   5. three-step runs completed per second: BenchThree notifications, open loop at $THRU_RATE/s
#      for $THRU_S s (faster than the engine completes them); completions per second from the
#      runs' finishedAt between $THRU_SKIP_S s and the last send, the fraction that succeeded,
#      and the rate at which the backlog drains after the last send;
#   6. prints a table, checks the targets (p50 <= 25 ms and p99 <= 100 ms at both rates; >= 300
#      three-step runs/s on PostgreSQL) and stops the service and the fake cluster.
#
# Environment (all optional):
#   JAVA_HOME         JDK for the service and the harness (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   PORT=18090        HTTP port of the service (127.0.0.1 only)
#   DEPLOYMENTS=100   Deployments in the fake cluster; alerts cycle through them
#   ENGINE_WORKERS=64 remedy.engine.workers
#   WARMUP_S=60 WARMUP_RATE=50           initial warm-up (the JIT; not reported)
#   PHASE_WARMUP_S=3  unmeasured lead-in of each latency phase, at the phase's rate
#   LOW_RATE=10 LOW_S=60                 first latency phase: notifications/s, measured seconds
#   HIGH_RATE=200 HIGH_S=30              second latency phase
#   THRU_RATE=400 THRU_S=20 THRU_SKIP_S=5
#                     throughput phase: offered notifications/s, seconds of sending, seconds
#                     before the steady window opens (it closes at the last send)
#   DRAIN_TIMEOUT_S=300  how long to wait for a phase's runs to end before reading them
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=remedy_engine_bench   (postgresql
#                     only; the database is DROPPED and re-created)
#   URL_PARAMS        appended to the JDBC URL, e.g. "?tcpKeepAlive=true" (PostgreSQL)
#   SERVER_OPTS       extra JVM options / -D properties for the service, applied last, e.g.
#                     "-Dquarkus.datasource.jdbc.max-size=40". The action budget is switched off
#                     (remedy.guards.max-actions-per-window=0); with a budget, each mutating step
#                     counts recent mutating attempts up to the budget
#   OUT               directory for the logs and raw results (default: a new /tmp/remedy-engine-bench.*)
#   BENCH_JAR         the harness jar (default bench/engine/target/engine-benchmarks.jar, built
#                     with ./mvnw -B -q -f bench/engine/pom.xml package when missing)
#   KEEP_DATA=1       keep the H2 database file after the run
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" # no NOTICEs from psql

usage() { sed -n '2,5p' "$0" >&2; exit 2; }
DB="${1:-}"
[[ "$DB" == h2 || "$DB" == postgresql ]] || usage
JAR="${2:-target/quarkus-app/quarkus-run.jar}"
[[ -f "$JAR" ]] || { echo "run.sh: no jar at $JAR (build it first, see BENCHMARKS.md)" >&2; exit 2; }
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORT="${PORT:-18090}"
export PORT
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PGDATABASE="${PGDATABASE:-remedy_engine_bench}"
URL_PARAMS="${URL_PARAMS:-}"
OUT="${OUT:-$(mktemp -d /tmp/remedy-engine-bench.XXXXXX)}"
mkdir -p "$OUT"
BENCH_JAR="${BENCH_JAR:-$HERE/target/engine-benchmarks.jar}"

# shellcheck source=bench/lib.sh
source "$HERE/../lib.sh"
require_free_port engine/run.sh

if [[ ! -f "$BENCH_JAR" ]]; then
  echo "== building the harness: ./mvnw -B -q -f bench/engine/pom.xml package"
  (cd "$ROOT" && ./mvnw -B -q -f bench/engine/pom.xml package)
fi

# ------------------------------------------------------------------ fresh database
DATA="$OUT/h2"
fresh_database "$DB" "$DATA"
DB_ARGS=()
[[ "$DB" == postgresql ]] && DB_ARGS=(--db-user "$PGUSER")

# ------------------------------------------------------------------ the harness
# It starts the fake cluster and the service, runs the phases, prints the table and stops both
# (also on Ctrl-C, through its shutdown hook).
status=0
"$JAVA" -Xmx1g -jar "$BENCH_JAR" --db "$DB" --jar "$JAR" --out "$OUT" --jdbc-url "$JDBC_URL" \
  "${DB_ARGS[@]}" || status=$?

if [[ "$DB" == h2 && "${KEEP_DATA:-0}" != 1 ]]; then
  rm -rf "$DATA" # KEEP_DATA=1 keeps it
fi
exit "$status"
