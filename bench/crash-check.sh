#!/usr/bin/env bash
# Does a 202 mean "stored"? Sends notifications for a few seconds, kills the service with SIGKILL
# right after the last 202, and counts the notifications found in the database afterwards.
# Stored < accepted means acknowledged notifications were lost (Alertmanager will not resend them).
#
#   bench/crash-check.sh h2         [path/to/quarkus-run.jar] [trials]
#   bench/crash-check.sh postgresql [path/to/quarkus-run.jar] [trials]
#
# Environment: JAVA_HOME, PORT (default 18081), URL_PARAMS (appended to the JDBC URL),
# SERVER_OPTS (extra JVM options, e.g. -Dquarkus.datasource.jdbc.additional-jdbc-properties.WRITE_DELAY=500
# for H2's own default instead of remedy's 0), PGHOST/PGPORT/PGUSER (database remedy_crashcheck is
# dropped and re-created).
# A crash of the process only: what the kernel has already been handed survives it; this does not
# test power loss.
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" # no NOTICEs from psql

DB="${1:-}"
[[ "$DB" == h2 || "$DB" == postgresql ]] || { sed -n '5,6p' "$0" >&2; exit 2; }
JAR="${2:-target/quarkus-app/quarkus-run.jar}"
TRIALS="${3:-3}"
[[ -f "$JAR" ]] || { echo "crash-check.sh: no jar at $JAR" >&2; exit 2; }
HERE="$(cd "$(dirname "$0")" && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
PORT="${PORT:-18081}"
URL_PARAMS="${URL_PARAMS:-}"
read -r -a EXTRA_OPTS <<<"${SERVER_OPTS:-}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
WORK="$(mktemp -d /tmp/remedy-crash.XXXXXX)"
SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill -9 "$SERVER_PID" 2>/dev/null; rm -rf "$WORK/h2"; }
trap cleanup EXIT

lost_total=0
for trial in $(seq 1 "$TRIALS"); do
  if [[ "$DB" == h2 ]]; then
    rm -rf "$WORK/h2"
    URL="jdbc:h2:file:$WORK/h2/remedy$URL_PARAMS"
    DB_OPTS=(-Dquarkus.datasource.jdbc.url="$URL")
  else
    psql -q -d postgres -c "drop database if exists remedy_crashcheck" -c "create database remedy_crashcheck" >/dev/null
    URL="jdbc:postgresql://$PGHOST:$PGPORT/remedy_crashcheck$URL_PARAMS"
    DB_OPTS=(-Dquarkus.datasource.jdbc.url="$URL" -Dquarkus.datasource.username="$PGUSER")
  fi
  "$JAVA" -Dremedy.webhook.token=crash -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    "${DB_OPTS[@]}" "${EXTRA_OPTS[@]}" -jar "$JAR" >"$WORK/server-$trial.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" 2>/dev/null && break
    sleep 0.5
  done
  accepted=$("$JAVA" --source 21 "$HERE/AlertLoad.java" --url "http://127.0.0.1:$PORT/webhooks/alertmanager" \
    --token crash --mode closed --concurrency 4 --warmup 0 --duration 3 --label crash \
    | sed -n 's/^RESULT.* accepted=\([0-9]*\).*/\1/p')
  kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  if [[ "$DB" == h2 ]]; then
    H2_JAR=$(ls "$(dirname "$JAR")"/lib/main/com.h2database.h2-*.jar | head -n 1)
    stored=$("$JAVA" -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/h2/remedy" -user remedy \
      -sql "select count(*) as n from notification" | sed -n 2p)
  else
    stored=$(psql -qtA -d remedy_crashcheck -c "select count(*) from notification")
  fi
  # The generator counts a 202 only if it arrived inside its window, so up to 4 more rows than
  # "accepted" (requests in flight at the end of the window) are normal; fewer rows are not.
  # Those in-flight rows can hide up to 4 losses: "lost" is a lower bound.
  lost=$(( accepted > stored ? accepted - stored : 0 ))
  lost_total=$(( lost_total + lost ))
  echo "trial $trial: $accepted notifications answered 202, $stored stored after kill -9, $lost lost"
done
[[ "$DB" == postgresql ]] && psql -q -d postgres -c "drop database if exists remedy_crashcheck" >/dev/null
if (( lost_total > 0 )); then
  echo "LOST: $lost_total acknowledged notifications did not survive a crash of the service ($DB${URL_PARAMS:+, $URL_PARAMS})"
else
  echo "OK: every acknowledged notification survived a crash of the service ($DB${URL_PARAMS:+, $URL_PARAMS})"
fi
