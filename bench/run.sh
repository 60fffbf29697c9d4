#!/usr/bin/env bash
# Load benchmark of a release build, on this machine only (every request goes to 127.0.0.1; each load run is
# bounded in time and the script stops the server itself).
#
#   bash bench/run.sh [--pg]
#
# Needs a finished release build: target/release/tidings and target/site (bash scripts/run.sh or
# `cargo leptos build --release` plus `node scripts/precompress.mjs`). Installs wrk from Debian if missing.
# For each database it starts the server on a free port, adds a user with `tidings user add`, signs in with curl,
# then measures with wrk (BENCH_THREADS=2 threads, BENCH_CONNECTIONS=50 connections, BENCH_DURATION=20s, after a
# BENCH_WARMUP=3s warm-up):
#   GET /login          (server-rendered page, signed out)
#   GET /api/v1/me      (with the session cookie)
# and reads the server's resident memory (VmRSS) at idle and, sampled every 0.5 s, its maximum under load.
# Also reports the wasm bundle's size raw / brotli / gzip and the server binary's size.
#
# Databases: SQLite in a temporary data dir always; PostgreSQL too when TIDINGS_BENCH_PG_URL is set (a database
# the script may add a user to) or with --pg (a throwaway cluster from scripts/pg.sh).
# Prints a markdown table for the README's Performance section and writes it to bench/results.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-50}"
duration="${BENCH_DURATION:-20s}"
warmup="${BENCH_WARMUP:-3s}"
bin="${TIDINGS_BENCH_BIN:-$root/target/release/tidings}"
site="${LEPTOS_SITE_ROOT:-$root/target/site}"
results="$root/bench/results.md"

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

seconds_of() {
  local d="$1"
  case "$d" in
    *ms) echo 1 ;;
    *s) echo "${d%s}" ;;
    *m) echo $((${d%m} * 60)) ;;
    *) echo "$d" ;;
  esac
}

if [ ! -x "$bin" ] || [ ! -d "$site/pkg" ]; then
  say "no release build ($bin, $site/pkg): run bash scripts/run.sh --help or cargo leptos build --release first"
  exit 1
fi
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk from Debian"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
fi

rss_kb() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

mib() {
  awk -v kb="$1" 'BEGIN { printf "%.1f MiB", kb / 1024 }'
}

size_kib() {
  awk -v b="$1" 'BEGIN { printf "%.0f KiB", b / 1024 }'
}

# --- state that cleanup needs
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")"
server_pid=""
sampler_pid=""
# shellcheck source=SCRIPTDIR/../scripts/pg.sh
source "$root/scripts/pg.sh"
# shellcheck source=SCRIPTDIR/../scripts/process.sh
source "$root/scripts/process.sh"

stop_server() {
  if [ -n "$sampler_pid" ]; then
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
    sampler_pid=""
  fi
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

# Samples the server's VmRSS every 0.5 s into $1 (the maximum so far) for at most $2 seconds.
rss_sampler() {
  local out="$1" limit="$2" max=0 value i
  for ((i = 0; i < limit * 2; i++)); do
    value="$(rss_kb "$server_pid")"
    if [ "${value:-0}" -gt "$max" ]; then
      max="$value"
      echo "$max" >"$out"
    fi
    sleep 0.5
  done
}

# wrk's figures: "<requests/s> <p50> <p99> <non-2xx/3xx> <socket errors>".
parse_wrk() {
  awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { errs = $0; sub(/.*Socket errors: */, "", errs); gsub(/ /, "", errs) }
    END { printf "%s %s %s %s %s\n", rps, p50, p99, (bad == "" ? 0 : bad), (errs == "" ? "none" : errs) }
  ' "$1"
}

declare -A result
backends=()

# bench_backend LABEL [DATABASE_URL]
bench_backend() {
  local label="$1" database_url="${2:-}"
  local port base data email password cookie
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  data="$work_dir/$label-data"
  mkdir -p "$data"
  email="bench-$(date +%s)-$RANDOM@example.com"
  password="$(gen_password)"

  local env_cmd=(env -u DATABASE_URL TIDINGS_DATA_DIR="$data" TIDINGS_ADDR="127.0.0.1:$port"
    LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=tidings LEPTOS_ENV=PROD
    RUST_LOG="${RUST_LOG:-warn}")
  if [ -n "$database_url" ]; then
    env_cmd+=(DATABASE_URL="$database_url")
  fi

  say "[$label] tidings user add --email $email --role agent"
  "${env_cmd[@]}" "$bin" user add --email "$email" --name "Bench Agent" --role agent --password "$password" \
    >"$work_dir/$label-useradd.log" 2>&1 || {
    cat "$work_dir/$label-useradd.log" >&2
    return 1
  }

  say "[$label] starting the server on $base"
  "${env_cmd[@]}" "$bin" serve >"$work_dir/$label-server.log" 2>&1 &
  server_pid=$!
  if ! wait_until_healthy "$base/healthz" "$server_pid"; then
    say "[$label] the server did not come up; its log:"
    tail -n 30 "$work_dir/$label-server.log" >&2
    stop_server
    return 1
  fi

  # Sign in through the API and keep the session cookie(s) as one Cookie header.
  local headers="$work_dir/$label-login.headers"
  local code
  code="$(curl -sS -o "$work_dir/$label-login.body" -D "$headers" -w '%{http_code}' --max-time 10 \
    -H 'Content-Type: application/json' -H "Origin: $base" \
    --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login")"
  cookie="$(grep -i '^set-cookie:' "$headers" | sed -e 's/^[^:]*: *//' -e 's/;.*//' -e 's/\r$//' | paste -sd ';' - | sed 's/;/; /g')"
  if [ "$code" != 200 ] || [ -z "$cookie" ]; then
    say "[$label] sign-in failed (HTTP $code):"
    cat "$work_dir/$label-login.body" >&2 || true
    stop_server
    return 1
  fi
  code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H "Cookie: $cookie" "$base/api/v1/me")"
  if [ "$code" != 200 ]; then
    say "[$label] GET /api/v1/me with the session cookie answered $code"
    stop_server
    return 1
  fi

  sleep 2
  result["$label,rss_idle"]="$(mib "$(rss_kb "$server_pid")")"

  local seconds max_file="$work_dir/$label-rss-max"
  seconds="$(seconds_of "$duration")"
  echo 0 >"$max_file"
  rss_sampler "$max_file" $((2 * (seconds + $(seconds_of "$warmup")) + 10)) &
  sampler_pid=$!

  local name path
  for name in login me; do
    local args=(-t "$threads" -c "$connections" --latency)
    if [ "$name" = login ]; then
      path=/login
    else
      path=/api/v1/me
      args+=(-H "Cookie: $cookie")
    fi
    say "[$label] warm-up $warmup, then wrk -t$threads -c$connections -d$duration GET $path"
    wrk "${args[@]}" -d "$warmup" "$base$path" >/dev/null
    wrk "${args[@]}" -d "$duration" "$base$path" | tee "$work_dir/$label-$name.wrk" >&2
    local rps p50 p99 bad errs
    read -r rps p50 p99 bad errs <<<"$(parse_wrk "$work_dir/$label-$name.wrk")"
    result["$label,$name,rps"]="$(printf '%.0f' "${rps:-0}")"
    result["$label,$name,latency"]="$p50 / $p99"
    result["$label,$name,failed"]="$bad non-2xx/3xx, socket errors: $errs"
  done

  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  result["$label,rss_max"]="$(mib "$(cat "$max_file")")"
  stop_server
  backends+=("$label")
}

bench_backend SQLite

pg_url="${TIDINGS_BENCH_PG_URL:-}"
if [ -z "$pg_url" ] && [ "$use_throwaway_pg" -eq 1 ]; then
  PG_DATABASE=tidings_bench pg_start
  pg_url="postgres://postgres@127.0.0.1:$PG_PORT/tidings_bench"
fi
if [ -n "$pg_url" ]; then
  bench_backend PostgreSQL "$pg_url"
fi
pg_stop || true

# --- sizes
wasm="$site/pkg/tidings.wasm"
wasm_raw=$(stat -c %s "$wasm")
read -r wasm_br wasm_gz < <(node -e '
  const fs = require("fs"), z = require("zlib");
  const data = fs.readFileSync(process.argv[1]);
  const br = z.brotliCompressSync(data, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const gz = z.gzipSync(data, { level: 9 }).length;
  console.log(br, gz);
' "$wasm")
bin_size=$(stat -c %s "$bin")

# --- report
commit="$(git rev-parse --short HEAD 2>/dev/null || echo uncommitted)"
cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
{
  echo "Measured $(date -u +%Y-%m-%d) at commit $commit on $(nproc) cores ($cpu), wrk and server on the same"
  echo "machine: wrk -t$threads -c$connections -d$duration --latency after a $warmup warm-up, release build."
  echo
  header="| measure |"
  rule="|---|"
  for b in "${backends[@]}"; do
    header+=" $b |"
    rule+="---:|"
  done
  echo "$header"
  echo "$rule"
  row() {
    local key="$2" line="| $1 |"
    for b in "${backends[@]}"; do
      line+=" ${result[$b,$key]:-n/a} |"
    done
    echo "$line"
  }
  row "GET /login (SSR page, signed out): requests/s" "login,rps"
  row "GET /login: latency p50 / p99" "login,latency"
  row "GET /api/v1/me (session cookie): requests/s" "me,rps"
  row "GET /api/v1/me: latency p50 / p99" "me,latency"
  row "GET /login: failed answers" "login,failed"
  row "GET /api/v1/me: failed answers" "me,failed"
  row "server memory (RSS) at idle" "rss_idle"
  row "server memory (RSS), max under load" "rss_max"
  echo
  echo "| artifact | size |"
  echo "|---|---:|"
  echo "| tidings.wasm raw | $(size_kib "$wasm_raw") |"
  echo "| tidings.wasm brotli (q11) | $(size_kib "$wasm_br") |"
  echo "| tidings.wasm gzip (-9) | $(size_kib "$wasm_gz") |"
  echo "| server binary (target/release/tidings) | $(awk -v b="$bin_size" 'BEGIN { printf "%.1f MiB", b / 1048576 }') |"
} >"$work_dir/table.md"

cp "$work_dir/table.md" "$results"
echo
cat "$results"
say "written to ${results#"$root"/}"
