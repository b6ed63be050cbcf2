#!/usr/bin/env bash
# remedy webhook benchmark: one command, one database kind, a few minutes. See BENCHMARKS.md.
#
#   bench/run.sh h2         [path/to/quarkus-run.jar]   # jar built with ./mvnw package
#   bench/run.sh postgresql [path/to/quarkus-run.jar]   # jar built with ./mvnw package -Ppostgresql
#
# The jar defaults to target/quarkus-app/quarkus-run.jar. The database kind is fixed when the jar
# is built, so pass the kind the jar was built for. What it does:
#   1. starts the service on 127.0.0.1:$PORT with a fresh database (a new H2 file in a temporary
#      directory, or PostgreSQL database $PGDATABASE dropped and created again) and the
#      /bench/noop ceiling endpoint enabled, and waits for /q/health/ready;
#   2. warms it up ($WARMUP_S s of closed-loop load on the webhook, not reported);
#   3. POST /webhooks/alertmanager, closed loop, $CONCURRENCY workers: maximum throughput;
#   4. POST /webhooks/alertmanager, open loop, $RATE notifications/s: latency from the scheduled
#      send time (no coordinated omission);
#   5. and 6. the same two against POST /bench/noop, which parses nothing and stores nothing:
#      the ceiling of the HTTP stack on this machine;
#   7. prints a table, checks the targets (>= 5,000 alerts/s accepted; p99 < 20 ms at 500
#      notifications/s) and stops the service.
# Every notification carries 10 new firing alerts (bench/AlertLoad.java).
#
# Environment (all optional):
#   JAVA_HOME         JDK for the service and the load generator
#                     (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   PORT=18080        HTTP port of the service (127.0.0.1 only)
#   WARMUP_S=90       initial warm-up: the JIT needs ~90 s of load on 2 cores to settle (see
#                     BENCHMARKS.md); each phase then has its own PHASE_WARMUP_S=5 s ramp
#   PHASE_S=25        measured seconds per phase
#   CONCURRENCY=16    closed-loop workers
#   RATE=500          open-loop notifications/s; OPEN_SENDERS=64 senders keep that schedule
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=remedy_bench   (postgresql only;
#                     the database is DROPPED and re-created)
#   URL_PARAMS        appended to the JDBC URL, e.g. ";RETENTION_TIME=0" (H2) or
#                     "?tcpKeepAlive=true" (PostgreSQL)
#   SERVER_OPTS       extra JVM options / -D properties for the service, e.g.
#                     "-Dquarkus.datasource.jdbc.max-size=40"
#   OUT               directory for the logs and raw results (default: a new /tmp/remedy-bench.*)
#   KEEP_DATA=1       keep the H2 database file (several GB) after the run
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" # no NOTICEs from psql

usage() { sed -n '2,6p' "$0" >&2; exit 2; }
DB="${1:-}"
[[ "$DB" == h2 || "$DB" == postgresql ]] || usage
JAR="${2:-target/quarkus-app/quarkus-run.jar}"
[[ -f "$JAR" ]] || { echo "run.sh: no jar at $JAR (build it first, see BENCHMARKS.md)" >&2; exit 2; }

HERE="$(cd "$(dirname "$0")" && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORT="${PORT:-18080}"
WARMUP_S="${WARMUP_S:-90}"
PHASE_WARMUP_S="${PHASE_WARMUP_S:-5}"
PHASE_S="${PHASE_S:-25}"
CONCURRENCY="${CONCURRENCY:-16}"
RATE="${RATE:-500}"
OPEN_SENDERS="${OPEN_SENDERS:-64}"
TOKEN="bench-$RANDOM$RANDOM"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PGDATABASE="${PGDATABASE:-remedy_bench}"
URL_PARAMS="${URL_PARAMS:-}"
SERVER_OPTS="${SERVER_OPTS:-}"
OUT="${OUT:-$(mktemp -d /tmp/remedy-bench.XXXXXX)}"
mkdir -p "$OUT"
BASE="http://127.0.0.1:$PORT"
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
require_free_port run.sh

# ------------------------------------------------------------------ fresh database
DATA="$OUT/h2"
fresh_database "$DB" "$DATA"
DB_OPTS=(-Dquarkus.datasource.jdbc.url="$JDBC_URL")
if [[ "$DB" == postgresql ]]; then
  export PGHOST PGPORT PGUSER
  CKPT0=$(psql -qtA -d postgres -c "select checkpoints_req + checkpoints_timed from pg_stat_bgwriter")
  DB_OPTS+=(-Dquarkus.datasource.username="$PGUSER")
fi

# ------------------------------------------------------------------ start the service
stop_server_on_exit

echo "== remedy benchmark: $DB, $JAR"
echo "   output: $OUT"
# shellcheck disable=SC2086  # SERVER_OPTS is a list of options
"$JAVA" $SERVER_OPTS \
  -Xlog:gc:file="$OUT/gc.log":timemillis \
  -Dremedy.webhook.token="$TOKEN" \
  -Dremedy.bench.noop-endpoint=true \
  -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.http.port="$PORT" \
  "${DB_OPTS[@]}" \
  -jar "$JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

for i in $(seq 1 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "run.sh: the service exited during start-up; $OUT/server.log:" >&2
    tail -n 30 "$OUT/server.log" >&2; exit 1
  fi
  if curl -fsS -o /dev/null "$BASE/q/health/ready" 2>/dev/null; then break; fi
  [[ $i == 120 ]] && { echo "run.sh: not ready after 60 s" >&2; tail -n 30 "$OUT/server.log" >&2; exit 1; }
  sleep 0.5
done
echo "   ready (pid $SERVER_PID, $JDBC_URL)"

server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
# CPU of the PostgreSQL server processes (0 for H2, which runs inside the service).
db_cpu_ticks() {
  local pids; pids=$(pgrep -x postgres || true)
  [[ -z "$pids" ]] && { echo 0; return; }
  (cd /proc && cat $(printf '%s/stat ' $pids) 2>/dev/null) | awk '{s += $14 + $15} END {print s + 0}'
}
# PostgreSQL WAL written (bytes, full-page images) since the server started: "bytes fpi".
wal_stats() {
  if [[ "$DB" == postgresql ]]; then
    psql -qtA -F ' ' -d "$PGDATABASE" -c "select wal_bytes, wal_fpi from pg_stat_wal" 2>/dev/null || echo "0 0"
  else
    echo "0 0"
  fi
}

# run_phase NAME PATH MODE WARMUP DURATION [extra AlertLoad options...]
# Runs the load generator; samples the CPU of the service, the generator, PostgreSQL and
# everything else on the machine over the measured window.
run_phase() {
  local name=$1 path=$2 mode=$3 warm=$4 dur=$5; shift 5
  echo "-- $name"
  "$JAVA" --source 21 "$HERE/AlertLoad.java" --url "$BASE$path" --token "$TOKEN" \
    --mode "$mode" --warmup "$warm" --duration "$dur" --label "$name" --timeline "$@" \
    >"$OUT/$name.txt" 2>&1 &
  local load=$! i
  # The generator prints "measuring" when its measured window opens.
  for ((i = 0; i < 600; i++)); do
    grep -q '^  measuring' "$OUT/$name.txt" 2>/dev/null && break
    kill -0 "$load" 2>/dev/null || break
    sleep 0.05
  done
  local t0 s0 d0 m0 w0 t1 s1 d1 m1 w1
  t0=$(date +%s.%N); s0=$(server_cpu_ticks); d0=$(db_cpu_ticks); m0=$(machine_busy_ticks); w0=$(wal_stats)
  sleep "$dur"
  t1=$(date +%s.%N); s1=$(server_cpu_ticks); d1=$(db_cpu_ticks); m1=$(machine_busy_ticks); w1=$(wal_stats)
  wait "$load" || { echo "run.sh: load generator failed:" >&2; cat "$OUT/$name.txt" >&2; exit 1; }
  sed -n '2,$p' "$OUT/$name.txt" | grep -v -e '^RESULT' -e '^  measuring' | sed -n '1,/^  second/p' \
    | grep -v '^  second' | sed 's/^/  /'
  # The generator reports its own CPU over exactly its measured window (client_cores).
  local g; g=$(grep '^RESULT' "$OUT/$name.txt" | sed 's/.*client_cores=\([0-9.]*\).*/\1/')
  # Garbage-collection pauses of the service inside the window (G1 log lines "... Pause ... 12.3ms").
  local gc
  gc=$(awk -v a="$(awk -v t="$t0" 'BEGIN{printf "%.0f", t*1000}')" -v b="$(awk -v t="$t1" 'BEGIN{printf "%.0f", t*1000}')" '
    /Pause/ { t = substr($1, 2) + 0; if (t < a || t > b) next
              ms = $NF; sub(/ms$/, "", ms); n++; sum += ms; if (ms > max) max = ms }
    END { printf "gc_pauses=%d gc_total_ms=%.0f gc_max_ms=%.1f", n, sum, max }' "$OUT/gc.log")
  local cpu
  cpu=$(awk -v s0="$s0" -v s1="$s1" -v g="$g" -v d0="$d0" -v d1="$d1" \
    -v m0="$m0" -v m1="$m1" -v hz="$HZ" -v t0="$t0" -v t1="$t1" \
    'BEGIN{w=(t1-t0)*hz; s=(s1-s0)/w; d=(d1-d0)/w; o=(m1-m0)/w-s-g-d; if (o<0) o=0;
           printf "server_cores=%.2f gen_cores=%.2f db_cores=%.2f other_cores=%.2f", s, g, d, o}')
  local wal
  wal=$(awk -v a="$w0" -v b="$w1" -v t0="$t0" -v t1="$t1" 'BEGIN{split(a,x," "); split(b,y," ");
    printf "wal_mb_per_s=%.1f wal_fpi_per_s=%.0f", (y[1]-x[1])/1048576/(t1-t0), (y[2]-x[2])/(t1-t0)}')
  echo "$(grep '^RESULT' "$OUT/$name.txt") $cpu $gc $wal" >>"$OUT/results.txt"
  echo "    CPU (cores):      $cpu" | sed -e 's/_cores=/ /g' -e 's/ db / database /'
  echo "    service GC:       $gc" | sed -e 's/gc_pauses=\([0-9]*\)/\1 pauses,/' -e 's/gc_total_ms=\([0-9.]*\)/\1 ms in total,/' -e 's/gc_max_ms=\([0-9.]*\)/longest \1 ms/'
  [[ "$DB" == postgresql ]] && echo "    PostgreSQL WAL:   $wal" | sed -e 's/wal_mb_per_s=\([0-9.]*\)/\1 MB\/s,/' -e 's/wal_fpi_per_s=\([0-9]*\)/\1 full-page images\/s/'
  if awk -v c="$cpu" 'BEGIN{split(c,a,"other_cores="); exit !(a[2] > 0.15)}'; then
    echo "    WARNING: other processes used CPU during this phase; the figures are skewed" >&2
  fi
}

# Say so when something else is using the machine: it shares the 2 cores with the measurement.
m0=$(machine_busy_ticks); sleep 2; m1=$(machine_busy_ticks)
busy=$(awk -v a="$m0" -v b="$m1" -v hz="$HZ" 'BEGIN{printf "%.2f", (b-a)/hz/2}')
echo "   machine busy before the run: $busy cores (service idle)"
awk -v b="$busy" 'BEGIN{exit !(b > 0.3)}' && echo "   WARNING: something else is using the CPU; results will be skewed" >&2

: >"$OUT/results.txt"
run_phase warmup /webhooks/alertmanager closed 0 "$WARMUP_S" --concurrency "$CONCURRENCY" >/dev/null
echo "-- warmup done ($WARMUP_S s)"
sed -i '/label=warmup /d' "$OUT/results.txt"
run_phase webhook-closed /webhooks/alertmanager closed "$PHASE_WARMUP_S" "$PHASE_S" --concurrency "$CONCURRENCY"
run_phase webhook-open /webhooks/alertmanager open "$PHASE_WARMUP_S" "$PHASE_S" --rate "$RATE" --concurrency "$OPEN_SENDERS"
run_phase noop-closed /bench/noop closed "$PHASE_WARMUP_S" "$PHASE_S" --concurrency "$CONCURRENCY"
run_phase noop-open /bench/noop open "$PHASE_WARMUP_S" "$PHASE_S" --rate "$RATE" --concurrency "$OPEN_SENDERS"

# Rows actually stored, as a cross-check of "accepted durably".
case "$DB" in
  postgresql)
    STORED=$(psql -qtA -d "$PGDATABASE" -c "select (select count(*) from notification) || ' notifications, ' || (select count(*) from alert) || ' alert states, ' || pg_size_pretty(pg_database_size(current_database())) || '; ' || (select checkpoints_req + checkpoints_timed - $CKPT0 from pg_stat_bgwriter) || ' checkpoints during the run (max_wal_size ' || current_setting('max_wal_size') || ')'")
    ;;
esac
stop_server
if [[ "$DB" == h2 ]]; then
  # Counted after the service has stopped (H2 locks its file): what is on disk.
  H2_JAR=$(ls "$(dirname "$JAR")"/lib/main/com.h2database.h2-*.jar 2>/dev/null | head -n 1)
  STORED=$([[ -n "$H2_JAR" ]] && "$JAVA" -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$DATA/remedy" -user remedy \
    -sql "select (select count(*) from notification) || ' notifications, ' || (select count(*) from alert) || ' alert states' as stored" \
    2>/dev/null | sed -n 2p || true)
  STORED="${STORED:-(could not open the H2 file)}; file $(du -h "$DATA/remedy.mv.db" | cut -f1)"
  [[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$DATA" # gigabytes; KEEP_DATA=1 keeps it
fi

# ------------------------------------------------------------------ table
echo
echo "== $DB — $(nproc) cores shared by service and load generator; $PHASE_S s measured per phase"
echo "   $JDBC_URL; JVM options: ${SERVER_OPTS:-(defaults)}; $(date -u +%FT%TZ)"
awk -v db="$DB" '
  function v(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } return "" }
  function row(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o) {
    printf "| %-14s | %-10s | %-6s | %8s | %8s | %7s | %7s | %7s | %8s | %7s | %7s | %7s | %6s | %9s | %10s |\n",
      a, b, c, d, e, f, g, h, i, j, k, l, m, n, o
  }
  BEGIN {
    row("phase", "store", "load", "notif/s", "alerts/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
        "non-202", "cpu svc", "cpu gen", "cpu db", "cpu other", "GC max ms")
    print "|----------------|------------|--------|----------|----------|---------|---------|---------|----------|---------|---------|---------|--------|-----------|------------|"
  }
  /^RESULT/ {
    load = v("mode") == "open" ? v("rate") "/s" : "c=" v("concurrency")
    bad = v("non202") + v("failed") + v("unsent")
    row(v("label"), (v("label") ~ /^noop/ ? "(none)" : db), load, v("notif_per_s"), v("alerts_per_s"),
        v("p50_ms"), v("p90_ms"), v("p99_ms"), v("max_ms"), bad,
        v("server_cores"), v("gen_cores"), v("db_cores"), v("other_cores"), v("gc_max_ms"))
  }' "$OUT/results.txt" | tee "$OUT/table.md"
echo "stored: $STORED"

closed_alerts=$(awk '/label=webhook-closed /{for(i=2;i<=NF;i++){split($i,kv,"=");if(kv[1]=="alerts_per_s")print kv[2]}}' "$OUT/results.txt")
open_p99=$(awk '/label=webhook-open /{for(i=2;i<=NF;i++){split($i,kv,"=");if(kv[1]=="p99_ms")print kv[2]}}' "$OUT/results.txt")
open_bad=$(awk '/label=webhook-open /{for(i=2;i<=NF;i++){split($i,kv,"=");if(kv[1]=="non202"||kv[1]=="failed"||kv[1]=="unsent")s+=kv[2]}}END{print s+0}' "$OUT/results.txt")
awk -v a="$closed_alerts" 'BEGIN{printf "target >= 5000 alerts/s accepted (closed loop): %s (%s)\n", (a >= 5000 ? "MET" : "MISSED"), a}'
awk -v p="$open_p99" -v r="$RATE" -v bad="$open_bad" 'BEGIN{printf "target p99 < 20 ms at %s notifications/s:       %s (%s ms, %d not accepted)\n", r, (p < 20 && bad == 0 ? "MET" : "MISSED"), p, bad}'
echo "raw results and server log: $OUT"
