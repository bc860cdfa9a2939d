#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster, then stops and deletes the cluster.
#
#   tests/support/with-postgres.sh ctest --preset dev
#
# The cluster lives in a fresh temporary directory, listens on 127.0.0.1 only, on a free port,
# with password authentication. The command sees POSTGRES_HOST/PORT/USER/PASSWORD/DBNAME.
# initdb refuses to run as root, so as root the server runs as an unprivileged system user
# ("postgres" when it exists, otherwise "nobody"). Cleanup runs on exit, on failure and on
# Ctrl-C/SIGTERM: no server process and no data directory is left behind.
set -uo pipefail

PG_BINDIR=${PG_BINDIR:-}
if [ -z "$PG_BINDIR" ]; then
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then PG_BINDIR=$d; break; fi
  done
fi
if [ -z "$PG_BINDIR" ] || [ ! -x "$PG_BINDIR/initdb" ]; then
  echo "with-postgres: error: PostgreSQL server binaries (initdb, pg_ctl) not found; run 'make deps'." >&2
  exit 2
fi

RUN_AS=()
PG_OWNER=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then PG_OWNER=postgres; else PG_OWNER=nobody; fi
  RUN_AS=(runuser -u "$PG_OWNER" --)
fi

TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/es-pg.XXXXXX")
chmod 0755 "$TMP_ROOT"
DATA="$TMP_ROOT/data"
SOCK="$TMP_ROOT/sock"
mkdir -p "$SOCK"
[ ${#RUN_AS[@]} -gt 0 ] && chown -R "$PG_OWNER" "$TMP_ROOT"

PG_USER=eventsourcing
PG_PASSWORD=eventsourcing
PG_DB=eventsourcing

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -f "$DATA/postmaster.pid" ]; then
    "${RUN_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    # A postmaster that did not stop (e.g. pg_ctl was killed) is killed by its pid file.
    if [ -f "$DATA/postmaster.pid" ]; then
      local pid
      pid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$TMP_ROOT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

printf '%s\n' "$PG_PASSWORD" > "$TMP_ROOT/pwfile"
[ ${#RUN_AS[@]} -gt 0 ] && chown "$PG_OWNER" "$TMP_ROOT/pwfile"
if ! "${RUN_AS[@]}" "$PG_BINDIR/initdb" -D "$DATA" -U "$PG_USER" --pwfile="$TMP_ROOT/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$TMP_ROOT/initdb.log" 2>&1; then
  echo "with-postgres: error: initdb failed:" >&2
  cat "$TMP_ROOT/initdb.log" >&2
  exit 2
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started=0
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  PORT=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  port_in_use "$PORT" && continue
  if "${RUN_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$DATA" -w -t 60 -l "$TMP_ROOT/server.log" \
       -o "-h 127.0.0.1 -p $PORT -k $SOCK -c max_connections=200 -c fsync=on" start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "with-postgres: error: could not start PostgreSQL; server log:" >&2
  cat "$TMP_ROOT/server.log" >&2 2>/dev/null
  exit 2
fi

if ! "${RUN_AS[@]}" "$PG_BINDIR/createdb" -h "$SOCK" -p "$PORT" -U "$PG_USER" "$PG_DB" 2>"$TMP_ROOT/createdb.log"; then
  echo "with-postgres: error: createdb failed:" >&2
  cat "$TMP_ROOT/createdb.log" >&2
  exit 2
fi

export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$PORT POSTGRES_USER=$PG_USER \
       POSTGRES_PASSWORD=$PG_PASSWORD POSTGRES_DBNAME=$PG_DB ES_PG_HARNESS=1
echo "with-postgres: PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (data in $DATA)" >&2

# The command runs as a job of its own (set -m) so that it does not inherit an ignored SIGINT;
# a signal to this script is passed on to the whole job, waited for, then the cluster goes.
set -m
"$@" &
child=$!
forward() { kill "-$1" -- "-$child" 2>/dev/null; wait "$child" 2>/dev/null; exit "$2"; }
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM
trap 'forward HUP 129' HUP
wait "$child"
exit $?
