#!/usr/bin/env bash
# Analytics benchmark of a release build, on this machine only (client and server share it).
#
#   bash bench/analytics.sh [--pg]
#
# 1. `tidings demo --tickets BENCH_AN_TICKETS (100000) --messages-per-ticket BENCH_AN_MESSAGES (10)`: generated
#    tickets over the last 365 days with their threads, through the bulk import path;
# 2. `tidings analytics rebuild`: every ticket's facts and the hourly rollups from history (timed);
# 3. the server: BENCH_AN_REQUESTS (200) GET /api/v1/analytics/summary?preset=90d (the 90-day dashboard numbers with
#    the previous period), alternating no filter, channel=email and a team; the same number of GET /supervisor?preset=90d
#    (the server-rendered dashboard page) when the page exists; one at a time, latency per request;
# 4. GET /api/v1/analytics/export?format=csv over the last days that hold about 100,000 tickets (the whole year at
#    100,000): time, rows, bytes, and the server's anonymous memory (RssAnon) before it and its peak while it
#    streams (sampled every 50 ms).
# SQLite by default; --pg uses a throwaway PostgreSQL cluster (scripts/pg.sh), or the database BENCH_AN_PG_URL.
# BENCH_AN_KEEP=1 keeps the SQLite data dir; BENCH_AN_REUSE=1 skips steps 1 and 2 and measures the data an earlier
# run left (SQLite: the data dir BENCH_AN_DATA; PostgreSQL: BENCH_AN_PG_URL), migrated by the server on start.
# Prints a Markdown table and writes it to bench/analytics-results.md (or BENCH_AN_RESULTS).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="${TIDINGS_BENCH_BIN:-$root/target/release/tidings}"
site="${LEPTOS_SITE_ROOT:-$root/target/site}"
results="${BENCH_AN_RESULTS:-$root/bench/analytics-results.md}"
tickets="${BENCH_AN_TICKETS:-100000}"
messages="${BENCH_AN_MESSAGES:-10}"
requests="${BENCH_AN_REQUESTS:-200}"
use_pg=0
case "${1:-}" in
  --pg) use_pg=1 ;;
  "") ;;
  -h | --help)
    sed -n '2,19p' "$0"
    exit 0
    ;;
  *)
    echo "bench: unknown argument $1" >&2
    exit 2
    ;;
esac
say() { echo "bench: $*" >&2; }

if [ ! -x "$bin" ] || ! "$bin" analytics rebuild --help >/dev/null 2>&1; then
  say "building the server (cargo build --release -p server)"
  cargo build --release -p server
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/tidings-analytics-bench.XXXXXX")"
server_pid=""
# shellcheck source=SCRIPTDIR/../scripts/pg.sh
source "$root/scripts/pg.sh"
# shellcheck source=SCRIPTDIR/../scripts/process.sh
source "$root/scripts/process.sh"
cleanup() {
  local status=$?
  stop_process "$server_pid"
  pg_stop || true
  if [ -n "${BENCH_AN_KEEP:-}" ]; then
    say "kept the data under $work_dir/data (BENCH_AN_KEEP)"
  else
    rm -rf "$work_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

label=SQLite
data="$work_dir/data"
if [ -n "${BENCH_AN_REUSE:-}" ] && [ "$use_pg" -eq 0 ]; then
  data="${BENCH_AN_DATA:?BENCH_AN_REUSE needs BENCH_AN_DATA, a data dir kept by BENCH_AN_KEEP}"
fi
env_cmd=(env -u DATABASE_URL TIDINGS_DATA_DIR="$data" LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg
  LEPTOS_OUTPUT_NAME=tidings LEPTOS_ENV=PROD RUST_LOG="${RUST_LOG:-warn}" TIDINGS_WEEKLY_REPORT=off)
if [ "$use_pg" -eq 1 ]; then
  label=PostgreSQL
  pg_url="${BENCH_AN_PG_URL:-}"
  if [ -z "$pg_url" ]; then
    pg_start
    pg_url="postgres://postgres@127.0.0.1:$PG_PORT/tidings_analytics_bench"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres tidings_analytics_bench 2>/dev/null || true
  fi
  env_cmd+=(DATABASE_URL="$pg_url")
fi
mkdir -p "$data"

seconds_of() { # runs a command, prints its wall time in seconds
  local start end
  start="$(date +%s.%N)"
  "$@" >"$work_dir/last.out" 2>&1 || {
    cat "$work_dir/last.out" >&2
    return 1
  }
  end="$(date +%s.%N)"
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}'
}

demo_s="not run (BENCH_AN_REUSE)"
rebuild_s="not run (BENCH_AN_REUSE)"
if [ -z "${BENCH_AN_REUSE:-}" ]; then
  say "[$label] tidings demo --tickets $tickets --messages-per-ticket $messages"
  demo_s="$(seconds_of "${env_cmd[@]}" "$bin" demo --tickets "$tickets" --messages-per-ticket "$messages" \
    --password bench-password-1) s"
  say "[$label] tidings analytics rebuild"
  rebuild_s="$(seconds_of "${env_cmd[@]}" "$bin" analytics rebuild) s"
fi

port="$(free_port)"
base="http://127.0.0.1:$port"
admin="an-admin-$RANDOM@example.com"
"${env_cmd[@]}" "$bin" user add --email "$admin" --name "Analytics bench" --role admin --password bench-password-1 >/dev/null
"${env_cmd[@]}" TIDINGS_ADDR="127.0.0.1:$port" "$bin" serve >"$work_dir/server.log" 2>&1 &
server_pid=$!
wait_until_healthy "$base/healthz" "$server_pid" || {
  tail -n 30 "$work_dir/server.log" >&2
  exit 1
}
jar="$work_dir/cookies"
curl -fsS -c "$jar" -o /dev/null -H 'Content-Type: application/json' -H "Origin: $base" \
  --data "{\"email\":\"$admin\",\"password\":\"bench-password-1\"}" "$base/api/v1/auth/login"
team="$(curl -fsS -b "$jar" "$base/api/v1/teams" | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d.get("items",d); print(d[0]["id"] if d else "")')"

# percentiles FILE -> "p50 p95 max" in ms from a file of seconds, one per line
percentiles() {
  sort -n "$1" | awk '{v[NR]=$1*1000} END {p50=v[int((NR*50+99)/100)]; p95=v[int((NR*95+99)/100)]; printf "%.1f %.1f %.1f", p50, p95, v[NR]}'
}

# measure NAME PATH...: one request at a time, round robin over the paths
measure() {
  local name="$1"
  shift
  local times="$work_dir/$name.times" n=0 path status
  : >"$times"
  while [ "$n" -lt "$requests" ]; do
    for path in "$@"; do
      read -r status seconds < <(curl -sS -b "$jar" -o /dev/null -w '%{http_code} %{time_total}\n' "$base$path")
      if [ "$status" != 200 ]; then
        say "$path answered $status"
        return 1
      fi
      echo "$seconds" >>"$times"
      n=$((n + 1))
    done
  done
  percentiles "$times"
}

say "[$label] summary and dashboard, 90 days, $requests requests each"
summary="$(measure summary "/api/v1/analytics/summary?preset=90d" "/api/v1/analytics/summary?preset=90d&channel=email" \
  "/api/v1/analytics/summary?preset=90d&team=$team")"
dashboard="not measured (no /supervisor page)"
if [ "$(curl -sS -b "$jar" -o /dev/null -w '%{http_code}' "$base/supervisor?preset=90d")" = 200 ]; then
  dashboard="$(measure dashboard "/supervisor?preset=90d" "/supervisor?preset=90d&channel=email" "/supervisor?preset=90d&team=$team")"
fi

# The last days that hold about 100,000 of the tickets spread over the year (all of it at 100,000 or fewer).
export_days=$((365 * 100000 / tickets))
[ "$export_days" -gt 365 ] && export_days=365
[ "$export_days" -lt 1 ] && export_days=1
say "[$label] export of the last $export_days days as CSV"
# The server's anonymous resident memory in MiB (its heap; the SQLite file it maps is not counted).
anon_mib() { awk '/RssAnon/ {print int($2 / 1024)}' "/proc/$server_pid/status"; }
rss_before="$(anon_mib)"
from="$(date -u -d "-$export_days days" +%Y-%m-%d)"
to="$(date -u +%Y-%m-%d)"
curl -sS -b "$jar" -o "$work_dir/export.csv" -w '%{http_code} %{time_total} %{size_download}' \
  "$base/api/v1/analytics/export?format=csv&from=$from&to=$to" >"$work_dir/export.line" &
curl_pid=$!
rss_peak="$rss_before"
while kill -0 "$curl_pid" 2>/dev/null; do
  now_mib="$(anon_mib)"
  [ "$now_mib" -gt "$rss_peak" ] && rss_peak="$now_mib"
  sleep 0.05
done
wait "$curl_pid"
export_line="$(cat "$work_dir/export.line")"
read -r export_status export_s export_bytes <<<"$export_line"
# Ticket rows: the lines after the ticket table's header.
rows="$(awk '/^ticket_id,number,/ {found = 1; next} found && NF {n++} END {print n + 0}' "$work_dir/export.csv")"
[ "$export_status" = 200 ] || say "export answered $export_status"

{
  echo "Measured $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD) on $(nproc) cores, release build, $label;"
  echo "load average $(cut -d ' ' -f 1-3 /proc/loadavg) at the end. Latencies in ms, one request at a time (curl)."
  echo
  echo "| what | $label |"
  echo "|---|---|"
  echo "| data | $tickets tickets, about $messages messages each, over 365 days (\`tidings demo\`: $demo_s) |"
  echo "| \`tidings analytics rebuild\` | $rebuild_s |"
  echo "| GET /analytics/summary?preset=90d (+ previous period), p50 / p95 / max | $summary |"
  echo "| GET /supervisor?preset=90d (the dashboard page), p50 / p95 / max | $dashboard |"
  echo "| export CSV, last $export_days days | $rows ticket rows, $export_bytes bytes in $export_s s |"
  echo "| server heap (RssAnon) before the export / its peak during it | $rss_before MiB / $rss_peak MiB |"
} | tee "$results"
