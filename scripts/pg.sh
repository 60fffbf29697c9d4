#!/usr/bin/env bash
# A throwaway PostgreSQL for tests: a fresh cluster in a temporary directory, on a free port on 127.0.0.1, with
# trust authentication and fsync off. Nothing of it outlives pg_stop.
#
#   bash scripts/pg.sh        start one, print its URL, keep it until Ctrl-C / SIGTERM
#   source scripts/pg.sh; pg_start; ...; pg_stop
#                             pg_start exports TIDINGS_TEST_PG_URL=postgres://postgres@127.0.0.1:PORT/tidings_test
#                             (superuser `postgres`, so tests may also create databases of their own) and sets
#                             PG_DIR, PG_PORT, PG_BIN; pg_stop stops the server and removes PG_DIR (safe to call
#                             twice). Put pg_stop in the caller's EXIT trap.
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user (Debian's postgresql
# package creates it) and its commands run through runuser.

PG_DIR=""
PG_PORT=""
PG_BIN=""
PG_DATABASE="${PG_DATABASE:-tidings_test}"

_pg_say() { echo "pg: $*" >&2; }

# The newest Debian PostgreSQL's bin directory (/usr/lib/postgresql/<major>/bin).
_pg_find_bin() {
  local dir best="" best_major=0 major
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] || continue
    major="$(basename "$(dirname "$dir")")"
    major="${major%%.*}"
    if [ "$major" -gt "$best_major" ] 2>/dev/null; then
      best="$dir"
      best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v initdb >/dev/null 2>&1; then
    best="$(dirname "$(command -v initdb)")"
  fi
  [ -n "$best" ] || return 1
  echo "$best"
}

# A port nobody listens on right now, asked of the kernel.
_pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  if [ -n "$PG_DIR" ]; then
    _pg_say "already running on port $PG_PORT"
    return 0
  fi
  PG_BIN="$(_pg_find_bin)" || {
    _pg_say "PostgreSQL is not installed (bash scripts/setup.sh --test installs it)"
    return 1
  }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    _pg_say "running as root but there is no 'postgres' user to own the cluster"
    return 1
  fi

  # As root the directory must be reachable by `postgres`: /tmp, not a TMPDIR under /root.
  local parent="${TMPDIR:-/tmp}"
  if [ "$(id -u)" -eq 0 ]; then parent=/tmp; fi
  PG_DIR="$(mktemp -d "$parent/tidings-pg.XXXXXX")"
  chmod 700 "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_DIR"
  fi

  _pg_say "initdb in $PG_DIR/data"
  if ! _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C --no-sync \
    >"$PG_DIR/initdb.log" 2>&1; then
    cat "$PG_DIR/initdb.log" >&2
    pg_stop
    return 1
  fi

  local attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT="$(_pg_free_port)"
    _pg_as_owner "$PG_BIN/postgres" -D "$PG_DIR/data" -k "$PG_DIR" -p "$PG_PORT" \
      -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=300 -c shared_buffers=64MB \
      >"$PG_DIR/postgres.log" 2>&1 </dev/null &
    local i ready=0
    for i in $(seq 1 100); do
      if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; then
        ready=1
        break
      fi
      # Gave up already (port taken between our check and its bind, say)? Then try another port.
      if [ ! -f "$PG_DIR/data/postmaster.pid" ] && [ "$i" -gt 20 ]; then
        break
      fi
      sleep 0.2
    done
    if [ "$ready" -eq 1 ]; then
      break
    fi
    _pg_say "attempt $attempt on port $PG_PORT failed:"
    tail -n 5 "$PG_DIR/postgres.log" >&2 || true
    _pg_kill_server
    PG_PORT=""
  done
  if [ -z "$PG_PORT" ]; then
    pg_stop
    return 1
  fi

  if ! "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE \"$PG_DATABASE\"" >/dev/null; then
    pg_stop
    return 1
  fi
  export TIDINGS_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DATABASE"
  _pg_say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready: TIDINGS_TEST_PG_URL=$TIDINGS_TEST_PG_URL"
}

# Stops the postmaster of PG_DIR, if any: fast shutdown, then SIGKILL if it lingers.
_pg_kill_server() {
  local pidfile="$PG_DIR/data/postmaster.pid" pid i
  [ -f "$pidfile" ] || return 0
  pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
  [ -n "$pid" ] || return 0
  kill -INT "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  _pg_kill_server
  rm -rf "$PG_DIR"
  _pg_say "stopped and removed $PG_DIR"
  PG_DIR=""
  PG_PORT=""
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  _pg_waiter=""
  trap 'pg_stop; [ -z "$_pg_waiter" ] || kill "$_pg_waiter" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  pg_start
  echo "export TIDINGS_TEST_PG_URL=$TIDINGS_TEST_PG_URL"
  if [ -t 0 ]; then
    echo "pg: Ctrl-C stops it" >&2
    cat >/dev/null || true
  else
    echo "pg: running until this script gets SIGINT or SIGTERM" >&2
    sleep infinity &
    _pg_waiter=$!
    wait "$_pg_waiter" || true
  fi
fi
