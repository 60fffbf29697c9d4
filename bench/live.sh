#!/usr/bin/env bash
# Live-update benchmark of a release build, on this machine only (client and server share it; every connection goes
# to 127.0.0.1; each run is bounded in time and the script stops the server itself).
#
#   bash bench/live.sh [--pg]
#
# Needs target/release/tidings (cargo build --release -p server; the site assets are not needed) and builds the
# load tool, target/release/live-load (bench/live), if it is missing. For each database it starts the server on a
# free port with a temporary data dir, adds an agent and a customer with `tidings user add`, signs the agent in with
# curl, makes an API token (POST /api/v1/tokens), and runs live-load, whose sockets all use that token:
#   1. idle sockets: server VmRSS before and after opening BENCH_LIVE_IDLE (5000) sockets subscribed to `inbox`;
#   2. broadcast: with BENCH_LIVE_STEPS (1000,5000,10000) sockets on `inbox`, BENCH_LIVE_EVENTS (20) replies posted
#      over REST BENCH_LIVE_SPACING_MS (300) ms apart; latency from just before each POST to each socket's
#      `message_created` frame;
#   3. end to end: BENCH_LIVE_RATE (20) replies/s for BENCH_LIVE_SECONDS (30) s over 5 tickets, 50 sockets listening.
# Raises the open-file limit (ulimit -n) to 65535, or to the hard limit when that is lower, for client and server.
# Also measures the widget's first-open size once public/widget.js exists (measure_widget_first_open below).
#
# Databases: SQLite always; PostgreSQL too when TIDINGS_BENCH_PG_URL is set (an empty database is best: the script
# adds users and tickets to it) or with --pg (a throwaway cluster from scripts/pg.sh).
# Writes the tables to bench/live-results.md and prints them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="${TIDINGS_BENCH_BIN:-$root/target/release/tidings}"
load="$root/target/release/live-load"
site="${LEPTOS_SITE_ROOT:-$root/target/site}"
results="$root/bench/live-results.md"
idle="${BENCH_LIVE_IDLE:-5000}"
steps="${BENCH_LIVE_STEPS:-1000,5000,10000}"
events="${BENCH_LIVE_EVENTS:-20}"
spacing_ms="${BENCH_LIVE_SPACING_MS:-300}"
rate="${BENCH_LIVE_RATE:-20}"
seconds="${BENCH_LIVE_SECONDS:-30}"

use_throwaway_pg=0
for arg in "$@"; do
  case "$arg" in
    --pg) use_throwaway_pg=1 ;;
    -h | --help)
      sed -n '2,21p' "$0"
      exit 0
      ;;
    *)
      echo "bench: unknown argument $arg" >&2
      exit 2
      ;;
  esac
done

say() { echo "bench: $*" >&2; }

if [ ! -x "$bin" ]; then
  say "no server binary $bin: cargo build --release -p server"
  exit 1
fi
if [ ! -x "$load" ]; then
  say "building live-load"
  cargo build --release -p tidings-live-bench
fi

# Ten thousand sockets need ten thousand descriptors on each side; both processes inherit this shell's limit.
wanted_files=65535
if ! ulimit -n "$wanted_files" 2>/dev/null; then
  ulimit -n "$(ulimit -Hn)"
fi
open_files="$(ulimit -n)"
say "open-file limit for client and server: $open_files (wanted $wanted_files)"

# --- state that cleanup needs
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/tidings-live-bench.XXXXXX")"
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

# The widget's first open (issue 4), measured once the widget exists: what a visitor's browser transfers for the
# loader (/widget.js), the frame (/widget/frame?brand=default) and every same-origin script, style sheet, wasm,
# image and font file the frame's HTML names (src= / href=), once with Accept-Encoding: br and once with gzip;
# response bodies as sent (compressed), headers not counted. Prints markdown; prints a note and returns when the
# widget is not there yet (or this server binary predates it).
measure_widget_first_open() {
  local base="$1"
  if [ ! -f "$root/public/widget.js" ]; then
    echo "Widget first open: not measured, public/widget.js does not exist yet."
    return 0
  fi
  local loader_code
  loader_code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$base/widget.js" || true)"
  if [ "$loader_code" != 200 ]; then
    echo "Widget first open: not measured, GET /widget.js answered $loader_code (a binary older than the widget?)."
    return 0
  fi
  local frame="$work_dir/widget-frame.html"
  curl -sS --compressed --max-time 10 -o "$frame" "$base/widget/frame?brand=default" || true
  local paths=("/widget.js" "/widget/frame?brand=default") ref
  while IFS= read -r ref; do
    case "$ref" in
      http://* | https://* | //* | data:*) continue ;; # other origins are not ours to count
      /*) paths+=("$ref") ;;
      *) paths+=("/widget/$ref") ;;
    esac
  done < <(grep -oE '(src|href)="[^"]+\.(js|mjs|css|wasm|svg|png|webp|ico|woff2?)(\?[^"]*)?"' "$frame" |
    sed -E 's/^(src|href)="//; s/"$//' | sort -u)

  echo "Widget first open: bodies as transferred (headers not counted; the encoding the server chose in brackets),"
  echo "${#paths[@]} files:"
  echo
  echo "| file | Accept-Encoding: br | Accept-Encoding: gzip |"
  echo "|---|---:|---:|"
  local path encoding bytes code sent_as total_br=0 total_gz=0 cells
  for path in "${paths[@]}"; do
    cells=""
    for encoding in br gzip; do
      read -r code bytes sent_as < <(curl -sS -o /dev/null --max-time 20 -H "Accept-Encoding: $encoding" \
        -w '%{http_code} %{size_download} %header{content-encoding}\n' "$base$path" || echo "000 0")
      if [ "$code" != 200 ]; then
        cells+=" HTTP $code |"
        continue
      fi
      cells+=" $(awk -v b="$bytes" 'BEGIN { printf "%.1f KiB", b / 1024 }') (${sent_as:-identity}) |"
      if [ "$encoding" = br ]; then total_br=$((total_br + bytes)); else total_gz=$((total_gz + bytes)); fi
    done
    echo "| \`$path\` |$cells"
  done
  echo "| **total** | $(awk -v b="$total_br" 'BEGIN { printf "%.1f KiB", b / 1024 }') |" \
    "$(awk -v b="$total_gz" 'BEGIN { printf "%.1f KiB", b / 1024 }') |"
}

idle_rows=()
broadcast_rows=()
e2e_rows=()
widget_report=""

# bench_backend LABEL [DATABASE_URL]
bench_backend() {
  local label="$1" database_url="${2:-}"
  local port base data agent customer password
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  data="$work_dir/$label-data"
  mkdir -p "$data"
  agent="live-agent-$(date +%s)-$RANDOM@example.com"
  customer="live-customer-$(date +%s)-$RANDOM@example.com"
  password="$(gen_password)"

  local env_cmd=(env -u DATABASE_URL TIDINGS_DATA_DIR="$data" TIDINGS_ADDR="127.0.0.1:$port"
    LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=tidings LEPTOS_ENV=PROD
    RUST_LOG="${RUST_LOG:-warn}")
  if [ -n "$database_url" ]; then
    env_cmd+=(DATABASE_URL="$database_url")
  fi

  local who role email
  for who in agent customer; do
    if [ "$who" = agent ]; then role=agent email="$agent"; else role=customer email="$customer"; fi
    "${env_cmd[@]}" "$bin" user add --email "$email" --name "Live bench $who" --role "$role" --password "$password" \
      >"$work_dir/$label-useradd.log" 2>&1 || {
      cat "$work_dir/$label-useradd.log" >&2
      return 1
    }
  done

  say "[$label] starting the server on $base"
  "${env_cmd[@]}" "$bin" serve >"$work_dir/$label-server.log" 2>&1 &
  server_pid=$!
  if ! wait_until_healthy "$base/healthz" "$server_pid"; then
    say "[$label] the server did not come up; its log:"
    tail -n 30 "$work_dir/$label-server.log" >&2
    stop_server
    return 1
  fi

  local jar="$work_dir/$label.cookies" token
  curl -fsS -c "$jar" -o /dev/null --max-time 10 -H 'Content-Type: application/json' -H "Origin: $base" \
    --data "{\"email\":\"$agent\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
  token="$(curl -fsS -b "$jar" --max-time 10 -H 'Content-Type: application/json' -H "Origin: $base" \
    --data '{"name":"live-bench"}' "$base/api/v1/tokens" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

  if [ -z "$widget_report" ]; then
    widget_report="$(measure_widget_first_open "$base")"
  fi

  say "[$label] live-load: $idle idle sockets; broadcast to $steps sockets, $events replies each;" \
    "$rate replies/s for $seconds s"
  local out="$work_dir/$label-live.txt"
  LIVE_LOAD_TOKEN="$token" timeout 900 "$load" --base "$base" --requester "$customer" --server-pid "$server_pid" \
    --label "$label" --idle "$idle" --steps "$steps" --events "$events" --spacing-ms "$spacing_ms" --e2e-rate "$rate" \
    --e2e-seconds "$seconds" >"$out" || {
    say "[$label] live-load failed; the server's log:"
    tail -n 30 "$work_dir/$label-server.log" >&2
    stop_server
    return 1
  }
  local line
  while IFS=$'\t' read -r tag line; do
    case "$tag" in
      idle) idle_rows+=("$line") ;;
      broadcast) broadcast_rows+=("$line") ;;
      e2e) e2e_rows+=("$line") ;;
    esac
  done <"$out"
  if grep -qiE ' (WARN|ERROR) ' "$work_dir/$label-server.log"; then
    say "[$label] the server logged warnings or errors:"
    grep -iE ' (WARN|ERROR) ' "$work_dir/$label-server.log" | tail -n 10 >&2
  fi
  stop_server
}

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
bench_backend SQLite

pg_url="${TIDINGS_BENCH_PG_URL:-}"
if [ -z "$pg_url" ] && [ "$use_throwaway_pg" -eq 1 ]; then
  PG_DATABASE=tidings_live_bench pg_start
  pg_url="postgres://postgres@127.0.0.1:$PG_PORT/tidings_live_bench"
fi
if [ -n "$pg_url" ]; then
  bench_backend PostgreSQL "$pg_url"
fi
pg_stop || true

# --- report
commit="$(git rev-parse --short HEAD 2>/dev/null || echo uncommitted)"
cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
{
  echo "Measured $(date -u +%Y-%m-%d) at commit $commit on $(nproc) cores ($cpu), release build, load average"
  echo "$load_before at the start. The load tool (bench/live, live-load) and the server share the machine. Every"
  echo "socket is an agent's \`/ws\` signed in with one API token and subscribed to \`inbox\`. Open-file limit"
  echo "(ulimit -n) $open_files for client and server."
  echo
  echo "Idle sockets: the server's VmRSS before and after opening them (after a warm-up of 100 sockets and 2 replies)."
  echo
  echo "| database | sockets | RSS before | RSS after | per socket | sockets per MiB | opening |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${idle_rows[@]}"
  echo
  echo "Broadcast: $events replies posted over REST $spacing_ms ms apart to one ticket; latency from just before each"
  echo "POST to each socket receiving its \`message_created\` frame, over every (socket, reply), ms. First / last: per"
  echo "reply, the first and the last socket to get it (median over the replies). Frames: text frames each socket got"
  echo "per reply, times their average size. Server CPU per reply: its CPU time over the step divided by the replies."
  echo "CPU: server / load tool / every other process on the machine, % of one core ($(nproc) cores ="
  echo "$(($(nproc) * 100)) %), from the first POST until the last frame arrived."
  echo
  echo "| database | sockets | delivered | p50 | p99 | max | first / last | POST p50 | frames per reply |" \
    "server CPU per reply | CPU server / tool / rest | server RSS |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${broadcast_rows[@]}"
  echo
  echo "End to end: replies posted over REST at $rate/s on schedule (each POST in its own task) for $seconds s,"
  echo "round-robin over 5 tickets; POST-to-socket latency over every (socket, reply), ms."
  echo
  echo "| database | sockets | load | POST p50 / p99 | p50 | p99 | max | delivered | server CPU |"
  echo "|---|---:|---|---:|---:|---:|---:|---|---:|"
  printf '%s\n' "${e2e_rows[@]}"
  echo
  echo "$widget_report"
} >"$work_dir/table.md"

cp "$work_dir/table.md" "$results"
echo
cat "$results"
say "written to ${results#"$root"/}"
