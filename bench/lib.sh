# Shared by the benchmark scripts (bench/run.sh, bench/startup.sh, bench/engine/run.sh): sourced,
# not run. Each function says which variables it reads and sets.

# Exits when something already listens on $PORT (the scripts start the service on it).
#   require_free_port SCRIPT_NAME
require_free_port() {
  if ss -ltn "sport = :$PORT" | grep -q LISTEN; then
    echo "$1: port $PORT is already in use; set PORT" >&2
    exit 1
  fi
}

# Drops and re-creates $PGDATABASE on $PGHOST:$PGPORT as $PGUSER.
recreate_pg_database() {
  PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" psql -q -v ON_ERROR_STOP=1 -d postgres \
    -c "drop database if exists $PGDATABASE" -c "create database $PGDATABASE" >/dev/null
}

# An empty database of kind $1 (h2 or postgresql) and its JDBC URL in JDBC_URL (with
# $URL_PARAMS, if set, appended): a new H2 file under directory $2, or $PGDATABASE re-created.
#   fresh_database h2|postgresql H2_DIR
fresh_database() {
  case "$1" in
    h2)
      rm -rf "$2" && mkdir -p "$2"
      JDBC_URL="jdbc:h2:file:$2/remedy${URL_PARAMS:-}"
      ;;
    postgresql)
      recreate_pg_database
      JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE${URL_PARAMS:-}"
      ;;
  esac
}

# The service started by a script: its pid in SERVER_PID; stop_server stops it (SIGTERM, then
# SIGKILL after 10 s) and runs on exit, Ctrl-C and SIGTERM once a script calls stop_server_on_exit.
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
stop_server_on_exit() { trap stop_server EXIT INT TERM; }

# Clock ticks per second, for the CPU figures read from /proc.
HZ="$(getconf CLK_TCK)"

# Busy ticks of the whole machine (user, nice, system, irq, softirq, steal), to tell what else ran
# while a figure was measured.
machine_busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
