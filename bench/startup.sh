#!/usr/bin/env bash
# remedy start-up and memory benchmark. See BENCHMARKS.md, "Start-up and memory".
#
#   bench/startup.sh h2         [path/to/quarkus-run.jar]   # jar built with ./mvnw package
#   bench/startup.sh postgresql [path/to/quarkus-run.jar]   # jar built with ./mvnw package -Ppostgresql
#   bench/startup.sh postgresql target/remedy-<version>-runner   # a native binary (native/build.sh)
#
# Without a jar it builds one for the database kind from this working tree (./mvnw package
# -DskipTests [-Ppostgresql]) and copies target/quarkus-app to $OUT first. The database kind is
# fixed when the jar or binary is built, so it must be the kind named. $RUNS times, it:
#   1. starts `java -jar quarkus-run.jar` as the README does (no JVM options unless $JAVA_OPTS),
#      or the native binary, configured by environment variables as in the container images, in
#      a fresh working directory, so with a fresh ./data (the H2 file and the audit archive) or a
#      freshly created PostgreSQL database, with the repository's workflows/ catalog;
#   2. polls GET /q/health/ready every $POLL_MS ms (from bash over /dev/tcp: no process is forked
#      while the service starts) and records the time from launching the process to the first 200,
#      Quarkus's own "started in" figure, the CPU time the service used until then and the cores
#      other processes used meanwhile, the RSS (VmRSS) and the heap in use right then;
#   3. posts $ALERTS new firing alerts (10 per notification, unique fingerprints, an alertname no
#      workflow matches; curl, $SENDERS in parallel) to POST /webhooks/alertmanager, checks every
#      answer is a 202 (stored) and remedy_alerts_received_total counts them all, and records the
#      RSS, its peak (VmHWM) and the heap in use after them;
#   4. stops the service (SIGTERM), starts it again on the same database (a pod restart, a rolling
#      update: migrations applied, alerts stored) and records the time to ready, CPU and RSS of
#      that restart, and stops it.
# Then it prints a Markdown summary (median, min, max) with the machine, ready to paste.
#
# Environment (all optional):
#   JAVA_HOME    JDK for the service (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   JAVA_OPTS    JVM options for the service (default: none, the JVM's own defaults)
#   RUNS=5       start-ups
#   ALERTS=10000 alerts sent after each start-up (a multiple of 10)
#   SENDERS=4    concurrent requests while sending them
#   POLL_MS=10   readiness polling interval
#   PORT=18085   HTTP port of the service (127.0.0.1 only)
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=remedy_startup_bench   (postgresql
#                only; the database is DROPPED and re-created before every start)
#   OUT          directory for the logs and results (default: a new /tmp/remedy-startup.*)
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" # no NOTICEs from psql

usage() { sed -n '2,6p' "$0" >&2; exit 2; }
DB="${1:-}"
[[ "$DB" == h2 || "$DB" == postgresql ]] || usage
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAVA_OPTS="${JAVA_OPTS:-}"
RUNS="${RUNS:-5}"
ALERTS="${ALERTS:-10000}"
SENDERS="${SENDERS:-4}"
POLL_MS="${POLL_MS:-10}"
PORT="${PORT:-18085}"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PGDATABASE="${PGDATABASE:-remedy_startup_bench}"
OUT="${OUT:-$(mktemp -d /tmp/remedy-startup.XXXXXX)}"
mkdir -p "$OUT"
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$RANDOM$RANDOM"
(( ALERTS % 10 == 0 && ALERTS > 0 )) || { echo "startup.sh: ALERTS must be a positive multiple of 10" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
require_free_port startup.sh

# ------------------------------------------------------------------ the jar
if [[ -n "${2:-}" ]]; then
  JAR="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
  [[ -f "$JAR" ]] || { echo "startup.sh: no jar or binary at $2" >&2; exit 2; }
  BUILT="as given"
else
  echo "== building the $DB fast-jar (./mvnw package -DskipTests$([[ $DB == postgresql ]] && echo ' -Ppostgresql'))"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests $([[ $DB == postgresql ]] && echo -Ppostgresql))
  rm -rf "$OUT/quarkus-app" && cp -r "$ROOT/target/quarkus-app" "$OUT/quarkus-app"
  JAR="$OUT/quarkus-app/quarkus-run.jar"
  BUILT="built from $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo 'this tree')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
fi

if [[ "$JAR" == *.jar ]]; then
  MODE="JVM"
  # shellcheck disable=SC2206  # JAVA_OPTS is a list of options
  LAUNCHER=("$JAVA" $JAVA_OPTS -jar "$JAR")
  RUNTIME=$("$JAVA" -version 2>&1 | head -n 1)
  TARGET_MS=1500 TARGET_MB=200 # issue 8
else
  MODE="native"
  [[ -x "$JAR" ]] || { echo "startup.sh: $JAR is neither a .jar nor executable" >&2; exit 2; }
  [[ -z "$JAVA_OPTS" ]] || echo "startup.sh: JAVA_OPTS is ignored for a native binary" >&2
  JAVA_OPTS=""
  LAUNCHER=("$JAR")
  RUNTIME="native binary $(basename "$JAR")"
  TARGET_MS=100 TARGET_MB=80
fi

# ------------------------------------------------------------------ the alerts, written once
# Every run starts on an empty database, so the same notifications are new alerts in each run.
PAYLOADS="$OUT/payloads"
rm -rf "$PAYLOADS" && mkdir -p "$PAYLOADS"
CURL_CONFIG="$OUT/curl.config"
: >"$CURL_CONFIG"
seed=$(printf '%04x' $((RANDOM % 65536)))
for ((n = 0; n < ALERTS / 10; n++)); do
  ns="team-$((n % 8))"
  alerts=""
  for ((i = 0; i < 10; i++)); do
    a=$((n * 10 + i))
    [[ -n "$alerts" ]] && alerts+=","
    printf -v alert '{"status":"firing","labels":{"alertname":"StartupBench","namespace":"%s","pod":"api-%06d","container":"app","job":"kube-state-metrics","severity":"warning"},"annotations":{"summary":"Start-up benchmark alert %d.","runbook_url":"https://runbooks.example.org/startup-bench"},"startsAt":"2026-01-01T00:00:00.123456789Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=up","fingerprint":"%s%012x"}' \
      "$ns" "$a" "$a" "$seed" "$a"
    alerts+="$alert"
  done
  printf '{"version":"4","groupKey":"{}:{alertname=\\"StartupBench\\", namespace=\\"%s\\"}","truncatedAlerts":0,"status":"firing","receiver":"remedy","groupLabels":{"alertname":"StartupBench","namespace":"%s"},"commonLabels":{"alertname":"StartupBench","namespace":"%s"},"commonAnnotations":{},"externalURL":"http://alertmanager:9093","alerts":[%s]}' \
    "$ns" "$ns" "$ns" "$alerts" >"$PAYLOADS/$n.json"
  (( n > 0 )) && echo next >>"$CURL_CONFIG"
  printf 'url = "%s/webhooks/alertmanager"\nheader = "Content-Type: application/json"\nheader = "Authorization: Bearer %s"\ndata-binary = "@%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
    "$BASE" "$TOKEN" "$PAYLOADS/$n.json" >>"$CURL_CONFIG"
done

# ------------------------------------------------------------------ helpers
stop_server_on_exit

# A pause of POLL_MS without forking a sleep: a read with a timeout on a FIFO nobody writes to.
rm -f "$OUT/tick" && mkfifo "$OUT/tick"
exec {TICK}<>"$OUT/tick"
printf -v PAUSE_S '%d.%03d' $((POLL_MS / 1000)) $((POLL_MS % 1000))
pause() { read -r -t "$PAUSE_S" -u "$TICK" _ || true; }

# 0 when GET /q/health/ready answers 200. Bash's /dev/tcp: no process forked per poll.
ready() {
  local status=""
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  read -r -t 5 status <&3 || true
  exec 3>&-
  [[ "$status" == *" 200 "* ]]
}

kib() { local key value unit; while read -r key value unit; do [[ "$key" == "$1:" ]] && { echo "$value"; return; }; done <"/proc/$SERVER_PID/status"; }
heap_mib() {
  curl -fsS "$BASE/q/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}'
}
received() {
  curl -fsS "$BASE/q/metrics" | awk '/^remedy_alerts_received_total\{/ && /status="firing"/ {printf "%.0f", $NF}'
}

# The same into BUSY_TICKS, without a subshell (used while the service starts).
read_busy_ticks() {
  local cpu user nice system idle iowait irq softirq steal rest
  read -r cpu user nice system idle iowait irq softirq steal rest </proc/stat
  BUSY_TICKS=$((user + nice + system + irq + softirq + steal))
}
m0=$(machine_busy_ticks); sleep 2; m1=$(machine_busy_ticks)
BUSY=$(awk -v a="$m0" -v b="$m1" -v hz="$HZ" 'BEGIN{printf "%.2f", (b-a)/hz/2}')

echo "== remedy start-up and memory ($MODE): $DB, $JAR ($BUILT)"
echo "   $RUNTIME$([[ $MODE == JVM ]] && echo "; JVM options: ${JAVA_OPTS:-none}"); $RUNS runs; output: $OUT"
echo "   machine busy before the runs: $BUSY of $(nproc) cores"
awk -v b="$BUSY" 'BEGIN{exit !(b > 0.3)}' && echo "   WARNING: something else is using the CPU; the figures will be skewed" >&2

# Starts the service in $DIR on the database of DB_ENV and waits for its first 200 from
# /q/health/ready; sets SERVER_PID, ready_ms, cpu_ready (CPU seconds it used until then), others
# (cores everything else used meanwhile) and rss_ready (KiB). $1: the log file, in $DIR.
launch_until_ready() {
  local log="$DIR/$1" b0 t0 t1 stat
  read_busy_ticks
  b0=$BUSY_TICKS
  t0=${EPOCHREALTIME/./} # microseconds; no subshell from here until ready
  # Configured by environment variables, as in the container images: the same for a jar and a
  # native binary.
  (cd "$DIR" && export REMEDY_WEBHOOK_TOKEN="$TOKEN" REMEDY_WORKFLOWS_DIR="$ROOT/workflows" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" "${DB_ENV[@]}" \
    && exec "${LAUNCHER[@]}" >"$log" 2>&1) &
  SERVER_PID=$!
  while ! ready 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "startup.sh: the service exited during start-up; $log:" >&2
      tail -n 30 "$log" >&2; exit 1
    fi
    if (( ${EPOCHREALTIME/./} - t0 > 60000000 )); then
      echo "startup.sh: not ready after 60 s; $log:" >&2
      tail -n 30 "$log" >&2; exit 1
    fi
    pause
  done
  t1=${EPOCHREALTIME/./}
  read_busy_ticks
  read -r -a stat <"/proc/$SERVER_PID/stat"
  rss_ready=$(kib VmRSS)
  ready_ms=$(( (t1 - t0) / 1000 ))
  # CPU the service used until ready (less noisy than the wall time on a busy machine), and the
  # cores everything else used meanwhile.
  cpu_ready=$(awk -v t="$((stat[13] + stat[14]))" -v hz="$HZ" 'BEGIN{printf "%.2f", t / hz}')
  others=$(awk -v b="$((BUSY_TICKS - b0))" -v t="$((stat[13] + stat[14]))" -v hz="$HZ" -v w="$((t1 - t0))" \
    'BEGIN{o = (b - t) / hz / (w / 1e6); printf "%.2f", (o < 0 ? 0 : o)}')
  for _ in $(seq 1 200); do # the log line may trail the first 200 by a moment
    grep -q 'started in [0-9.]*s' "$log" && break
    pause
  done
}

# ------------------------------------------------------------------ runs
RESULTS="$OUT/results.txt"
: >"$RESULTS"
for ((run = 1; run <= RUNS; run++)); do
  DIR="$OUT/run-$run"
  rm -rf "$DIR" && mkdir -p "$DIR"
  DB_ENV=()
  if [[ "$DB" == postgresql ]]; then
    recreate_pg_database
    DB_ENV=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE"
      QUARKUS_DATASOURCE_USERNAME="$PGUSER")
  fi
  launch_until_ready server.log
  started=$(grep -o 'started in [0-9.]*s' "$DIR/server.log" | head -n 1 | grep -o '[0-9.]*[0-9]' || echo "?")
  heap_ready=$(heap_mib)

  s0=${EPOCHREALTIME/./}
  (cd "$DIR" && curl --no-progress-meter --parallel --parallel-max "$SENDERS" -K "$CURL_CONFIG" \
    >"$DIR/status.txt" 2>"$DIR/curl.err") || true
  s1=${EPOCHREALTIME/./}
  accepted=$(grep -c '^202$' "$DIR/status.txt" || true)
  if (( accepted != ALERTS / 10 )); then
    echo "startup.sh: $accepted of $((ALERTS / 10)) notifications answered 202:" >&2
    sort "$DIR/status.txt" | uniq -c >&2; head -n 5 "$DIR/curl.err" >&2; exit 1
  fi
  count=$(received)
  if [[ "$count" != "$ALERTS" ]]; then
    echo "startup.sh: remedy_alerts_received_total{status=\"firing\"} is ${count:-missing}, not $ALERTS" >&2; exit 1
  fi
  rss_after=$(kib VmRSS)
  hwm=$(kib VmHWM)
  heap_after=$(heap_mib)
  send_s=$(awk -v a="$s0" -v b="$s1" 'BEGIN{printf "%.1f", (b - a) / 1e6}')
  first=("$ready_ms" "$cpu_ready" "$others" "$rss_ready")
  stop_server

  # A restart on the same database (a pod restarted, a rolling update): migrations are already
  # applied and the alerts are there.
  launch_until_ready restart.log
  restart_ms=$ready_ms restart_cpu=$cpu_ready restart_others=$others restart_rss=$rss_ready
  stop_server
  ready_ms=${first[0]} cpu_ready=${first[1]} others=${first[2]} rss_ready=${first[3]}

  echo "$run $ready_ms $started $((rss_ready / 1024)) $heap_ready $((rss_after / 1024)) $((hwm / 1024)) $heap_after $send_s $cpu_ready $others $restart_ms $restart_cpu $restart_others $((restart_rss / 1024))" >>"$RESULTS"
  printf '   run %d: ready in %d ms (Quarkus: started in %ss; %s s of CPU; other processes %s cores), RSS %d MiB, heap %s MiB; after %d alerts (%ss): RSS %d MiB (peak %d), heap %s MiB; restart: ready in %d ms (%s s of CPU; others %s cores), RSS %d MiB\n' \
    "$run" "$ready_ms" "$started" "$cpu_ready" "$others" $((rss_ready / 1024)) "$heap_ready" \
    "$ALERTS" "$send_s" $((rss_after / 1024)) $((hwm / 1024)) "$heap_after" \
    "$restart_ms" "$restart_cpu" "$restart_others" $((restart_rss / 1024))
done

# ------------------------------------------------------------------ summary
spread() { # column number -> "median (min–max)"
  cut -d' ' -f"$1" "$RESULTS" | sort -g | awk '{v[NR] = $1} END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s (%s–%s)", m, v[1], v[NR] }'
}
median() { cut -d' ' -f"$1" "$RESULTS" | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
MEM=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)

echo
echo "== summary (paste into BENCHMARKS.md)"
cat <<EOF
Machine: $(nproc) CPUs ($MODEL), $MEM RAM, busy $BUSY cores before the runs; $RUNTIME;
$(date -u '+%Y-%m-%d %H:%M UTC'). Command: \`bench/startup.sh $DB${2:+ $2}\` (jar $BUILT),
$([[ $MODE == JVM ]] && echo "JVM options: ${JAVA_OPTS:-none}; ")$RUNS start-ups, each on a fresh $([[ $DB == h2 ]] && echo "H2 file" || echo "PostgreSQL database"), then $ALERTS alerts.

| $MODE, $DB, median (min–max) of $RUNS | value |
|---|---:|
| process start → first 200 from /q/health/ready | $(spread 2) ms |
| Quarkus "started in" | $(spread 3) s |
| CPU time of the service until ready | $(spread 10) s |
| CPU cores other processes used during start-up | $(spread 11) |
| RSS when ready | $(spread 4) MiB |
| heap in use when ready (jvm_memory_used_bytes) | $(spread 5) MiB |
| RSS after $ALERTS alerts | $(spread 6) MiB |
| peak RSS (VmHWM) after $ALERTS alerts | $(spread 7) MiB |
| heap in use after $ALERTS alerts | $(spread 8) MiB |
| seconds to send the $ALERTS alerts ($SENDERS concurrent) | $(spread 9) s |
| restart on the same database: process start → first 200 | $(spread 12) ms |
| restart: CPU time of the service until ready | $(spread 13) s |
| restart: CPU cores other processes used | $(spread 14) |
| restart: RSS when ready | $(spread 15) MiB |
EOF
QUIET=$(awk '$11 <= 0.15 {printf "%s%s", (n++ ? ", " : ""), $2} END {if (!n) printf "none"}' "$RESULTS")
echo "Start-ups while other processes used at most 0.15 cores (the least skewed), ready in ms: $QUIET."
echo
awk -v r="$(median 2)" -v t="$TARGET_MS" -v m="$MODE" 'BEGIN{printf "%s target ready <= %d ms (median): %s (%s ms)\n", m, t, (r <= t ? "MET" : "MISSED"), r}'
awk -v r="$(median 4)" -v t="$TARGET_MB" -v m="$MODE" 'BEGIN{printf "%s target RSS <= %d MB after start (median): %s (%s MiB = %.0f MB)\n", m, t, (r * 1.048576 <= t ? "MET" : "MISSED"), r, r * 1.048576}'
echo "raw results (run ready_ms started_s rss_ready heap_ready rss_after hwm heap_after send_s cpu_s other_cores restart_ms restart_cpu_s restart_other_cores restart_rss) and logs: $OUT"
