#!/usr/bin/env bash
# Ticket benchmark at size, on this machine only: generates a data set with `tidings demo --tickets N` (default
# 100000 tickets, about 10 messages each) on SQLite and on PostgreSQL, starts the release server on it, and measures
# one request at a time with bench/latency (ticket-latency): the queue's first page with filters, full-text search
# and a status change, p50 / p95 / p99 of BENCH_REQUESTS (default 300) requests per scenario after a warm-up.
#
#   bash bench/tickets.sh [--tickets N] [--sqlite-only]
#
# Needs the release binaries: `cargo build --release -p server -p tidings-bench` (or bash scripts/run.sh, which builds
# the server and the site). PostgreSQL: TIDINGS_BENCH_PG_URL if set, else a throwaway cluster from scripts/pg.sh.
# Prints markdown rows for the README's Performance section and writes them to bench/tickets-results.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tickets=100000
sqlite_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tickets) tickets="$2"; shift ;;
    --sqlite-only) sqlite_only=1 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
bin="${TIDINGS_BENCH_BIN:-$root/target/release/tidings}"
latency="$root/target/release/ticket-latency"
requests="${BENCH_REQUESTS:-300}"
password="bench-demo-password"
results="$root/bench/tickets-results.md"
say() { echo "bench: $*" >&2; }
for tool in "$bin" "$latency"; do
  [ -x "$tool" ] || { say "missing $tool: cargo build --release -p server -p tidings-bench"; exit 1; }
done

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/tidings-ticket-bench.XXXXXX")"
server_pid=""
# shellcheck source=SCRIPTDIR/../scripts/pg.sh
source "$root/scripts/pg.sh"
# shellcheck source=SCRIPTDIR/../scripts/process.sh
source "$root/scripts/process.sh"
stop_server() {
  stop_process "$server_pid"
  server_pid=""
}
cleanup() {
  local status=$?
  stop_server
  pg_stop || true
  rm -rf "$work_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rows=()
# bench_backend LABEL [DATABASE_URL]
bench_backend() {
  local label="$1" database_url="${2:-}" port base data
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  data="$work_dir/$label-data"
  mkdir -p "$data"
  local env_cmd=(env -u DATABASE_URL TIDINGS_DATA_DIR="$data" TIDINGS_ADDR="127.0.0.1:$port"
    LEPTOS_SITE_ROOT="$root/target/site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=tidings LEPTOS_ENV=PROD
    RUST_LOG="${RUST_LOG:-warn}")
  [ -n "$database_url" ] && env_cmd+=(DATABASE_URL="$database_url")

  say "[$label] tidings demo --tickets $tickets"
  local started=$SECONDS
  "${env_cmd[@]}" "$bin" demo --tickets "$tickets" --password "$password" | tail -n 1 >&2
  local generated=$((SECONDS - started))
  local db_size="n/a"
  [ -z "$database_url" ] && db_size="$(du -sm "$data" | cut -f1) MiB"

  "${env_cmd[@]}" "$bin" serve >"$work_dir/$label-server.log" 2>&1 &
  server_pid=$!
  wait_until_healthy "$base/healthz" "$server_pid" || { tail -n 30 "$work_dir/$label-server.log" >&2; return 1; }
  local jar="$work_dir/$label.cookies" token
  curl -fsS -c "$jar" -o /dev/null -H 'Content-Type: application/json' -H "Origin: $base" \
    --data "{\"email\":\"agent-1@demo.tidings.invalid\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
  token="$(curl -fsS -b "$jar" -H 'Content-Type: application/json' -H "Origin: $base" --data '{"name":"bench"}' \
    "$base/api/v1/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
  say "[$label] measuring ($requests requests per scenario)"
  local cookie
  cookie="$(awk '(/^#HttpOnly_/ || !/^#/) && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")"
  while IFS= read -r line; do rows+=("$line"); done < <(BENCH_COOKIE="$cookie" "$latency" "$base" "$token" "$label" "$requests")
  rows+=("| $label | data set: $tickets tickets, generated in ${generated} s, database $db_size | | | | |")
  stop_server
}

bench_backend SQLite
if [ "$sqlite_only" -eq 0 ]; then
  pg_url="${TIDINGS_BENCH_PG_URL:-}"
  if [ -z "$pg_url" ]; then
    PG_DATABASE=tidings_ticket_bench pg_start
    pg_url="postgres://postgres@127.0.0.1:$PG_PORT/tidings_ticket_bench"
  fi
  bench_backend PostgreSQL "$pg_url"
fi

{
  echo "Measured $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD 2>/dev/null || echo uncommitted) on $(nproc) cores,"
  echo "one request at a time from the same machine, release build, ms."
  echo
  echo "| database | scenario | requests | p50 | p95 | p99 |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} >"$results"
cat "$results"
say "written to ${results#"$root"/}"
