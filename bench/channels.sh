#!/usr/bin/env bash
# Inbound-channel benchmark of a release build, on this machine only (client and server share it; every connection
# goes to 127.0.0.1; each run is bounded in time and the script stops the server itself).
#
#   bash bench/channels.sh [--pg]
#
# Builds target/release/tidings (cargo build --release -p server) and the load tool, target/release/channel-load
# (bench/channels), when they are missing. For each database it starts the server on a free port with a temporary
# data dir, the inbound email channel (a random TIDINGS_EMAIL_INBOUND_SECRET) and WhatsApp (a random app secret;
# the Graph API at 127.0.0.1:9, which inbound text messages never call), adds an agent with `tidings user add`,
# signs in with curl, makes an API token (POST /api/v1/tokens) and runs channel-load:
#   1. parse_email alone over tests/corpus/email/zammad/*.box, in-process, one thread (once, not per database);
#   2. email parse + store: BENCH_CHANNELS_MAILS (600) mails at each of BENCH_CHANNELS_CONCURRENCY (1,4), every
#      corpus mail in turn with a fresh Message-ID, POSTed to /api/v1/channels/email/inbound;
#   3. WhatsApp: BENCH_CHANNELS_RATE (20) signed webhooks/s for BENCH_CHANNELS_SECONDS (30) s, posted on schedule,
#      from BENCH_CHANNELS_SENDERS (50) numbers; POST latency, and webhook-to-agent-socket latency.
# Raises the open-file limit (ulimit -n) to 65535, or to the hard limit when that is lower, for client and server.
#
# Databases: SQLite always; PostgreSQL too when TIDINGS_BENCH_PG_URL is set (an empty database is best: the script
# adds a user and tickets to it) or with --pg (a throwaway cluster from scripts/pg.sh).
# Writes the tables to bench/channels-results.md and prints them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="${TIDINGS_BENCH_BIN:-$root/target/release/tidings}"
load="$root/target/release/channel-load"
site="${LEPTOS_SITE_ROOT:-$root/target/site}"
results="$root/bench/channels-results.md"
mails="${BENCH_CHANNELS_MAILS:-600}"
concurrency="${BENCH_CHANNELS_CONCURRENCY:-1,4}"
rate="${BENCH_CHANNELS_RATE:-20}"
seconds="${BENCH_CHANNELS_SECONDS:-30}"
senders="${BENCH_CHANNELS_SENDERS:-50}"
phone_number_id=1122334455667

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
  say "building the server (cargo build --release -p server)"
  cargo build --release -p server
fi
if [ ! -x "$load" ]; then
  say "building channel-load"
  cargo build --release -p tidings-channels-bench
fi

wanted_files=65535
if ! ulimit -n "$wanted_files" 2>/dev/null; then
  ulimit -n "$(ulimit -Hn)"
fi
open_files="$(ulimit -n)"

# --- state that cleanup needs
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/tidings-channels-bench.XXXXXX")"
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

parse_rows=()
email_rows=()
webhook_rows=()
socket_rows=()

# bench_backend LABEL [DATABASE_URL]
bench_backend() {
  local label="$1" database_url="${2:-}"
  local port base data agent password email_secret app_secret
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  data="$work_dir/$label-data"
  mkdir -p "$data"
  agent="channels-agent-$(date +%s)-$RANDOM@example.com"
  password="$(gen_password)"
  email_secret="$(gen_password)"
  app_secret="$(gen_password)"

  local env_cmd=(env -u DATABASE_URL TIDINGS_DATA_DIR="$data" TIDINGS_ADDR="127.0.0.1:$port"
    LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=tidings LEPTOS_ENV=PROD
    RUST_LOG="${RUST_LOG:-warn}"
    TIDINGS_EMAIL_INBOUND_SECRET="$email_secret"
    TIDINGS_WHATSAPP_TOKEN=x TIDINGS_WHATSAPP_PHONE_NUMBER_ID="$phone_number_id"
    TIDINGS_WHATSAPP_APP_SECRET="$app_secret" TIDINGS_WHATSAPP_VERIFY_TOKEN=x
    TIDINGS_WHATSAPP_API_BASE=http://127.0.0.1:9)
  if [ -n "$database_url" ]; then
    env_cmd+=(DATABASE_URL="$database_url")
  fi

  "${env_cmd[@]}" "$bin" user add --email "$agent" --name "Channels bench agent" --role agent \
    --password "$password" >"$work_dir/$label-useradd.log" 2>&1 || {
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

  local jar="$work_dir/$label.cookies" token
  curl -fsS -c "$jar" -o /dev/null --max-time 10 -H 'Content-Type: application/json' -H "Origin: $base" \
    --data "{\"email\":\"$agent\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
  token="$(curl -fsS -b "$jar" --max-time 10 -H 'Content-Type: application/json' -H "Origin: $base" \
    --data '{"name":"channels-bench"}' "$base/api/v1/tokens" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

  # The parser alone does not depend on the database: timed once.
  local parse_seconds=3
  if [ "${#parse_rows[@]}" -gt 0 ]; then parse_seconds=0; fi

  say "[$label] channel-load: $mails mails at concurrency $concurrency; $rate WhatsApp webhooks/s for $seconds s"
  local out="$work_dir/$label-channels.txt"
  CHANNEL_LOAD_TOKEN="$token" CHANNEL_LOAD_EMAIL_SECRET="$email_secret" CHANNEL_LOAD_WHATSAPP_SECRET="$app_secret" \
    timeout 900 "$load" --base "$base" --server-pid "$server_pid" --label "$label" \
    --corpus "$root/tests/corpus/email/zammad" --parse-seconds "$parse_seconds" --mails "$mails" \
    --concurrency "$concurrency" --phone-number-id "$phone_number_id" --wa-rate "$rate" --wa-seconds "$seconds" \
    --wa-senders "$senders" >"$out" || {
    say "[$label] channel-load failed; the server's log:"
    tail -n 30 "$work_dir/$label-server.log" >&2
    stop_server
    return 1
  }
  local tag line
  while IFS=$'\t' read -r tag line; do
    case "$tag" in
      parse) parse_rows+=("$line") ;;
      email) email_rows+=("$line") ;;
      webhook) webhook_rows+=("$line") ;;
      socket) socket_rows+=("$line") ;;
    esac
  done <"$out"
  if grep -qiE ' (WARN|ERROR) ' "$work_dir/$label-server.log"; then
    say "[$label] the server logged warnings or errors ($(grep -ciE ' (WARN|ERROR) ' "$work_dir/$label-server.log")):"
    grep -iE ' (WARN|ERROR) ' "$work_dir/$label-server.log" | cut -c 1-300 | tail -n 10 >&2
  fi
  stop_server
}

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
bench_backend SQLite

pg_url="${TIDINGS_BENCH_PG_URL:-}"
if [ -z "$pg_url" ] && [ "$use_throwaway_pg" -eq 1 ]; then
  PG_DATABASE=tidings_channels_bench pg_start
  pg_url="postgres://postgres@127.0.0.1:$PG_PORT/tidings_channels_bench"
fi
if [ -n "$pg_url" ]; then
  bench_backend PostgreSQL "$pg_url"
fi
pg_stop || true
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"

# --- report
commit="$(git rev-parse --short HEAD 2>/dev/null || echo uncommitted)"
cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
corpus_count="$(find "$root/tests/corpus/email/zammad" -maxdepth 1 -name '*.box' | wc -l)"
{
  echo "Measured $(date -u +%Y-%m-%d) at commit $commit (plus uncommitted changes when the tree had any) on"
  echo "$(nproc) cores ($cpu), release build, load average $load_before at the start and $load_after at the end."
  echo "The load tool (bench/channels, channel-load) and the server share the machine. Open-file limit $open_files."
  echo "Server CPU: its CPU time over the run, % of one core ($(nproc) cores = $(($(nproc) * 100)) %)."
  echo
  echo "Email parsing alone: \`tidings::channel::email::parse_email\` over the $corpus_count real-world mails of"
  echo "tests/corpus/email/zammad, round after round for 3 s, in-process on one thread (no database, no HTTP)."
  echo
  echo "| corpus | rounds | mails/s | MiB/s | mean per mail | slowest mail (mean) | parse errors |"
  echo "|---|---:|---:|---:|---:|---|---:|"
  printf '%s\n' "${parse_rows[@]}"
  echo
  echo "Email in, parse + store: $mails mails per row POSTed to /api/v1/channels/email/inbound, the corpus mails in"
  echo "turn, each with a fresh Message-ID so every one is stored (after a warm-up of the corpus once). Concurrency"
  echo "N: N clients, each sending its next mail when the last was answered. Latency per mail (POST to answer), ms."
  echo "Answers: stored (\`{ticket_id, message_id}\`) / ignored (\`{ignored}\`: auto-replies, bounces) / refused."
  echo
  echo "| database | concurrency | mails | stored / ignored / refused | mails/s | p50 | p95 | p99 | max | server CPU |"
  echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${email_rows[@]}"
  echo
  echo "WhatsApp webhook: $rate Cloud API text-message webhooks/s for $seconds s, each POST on schedule in its own"
  echo "task (open loop), a unique wamid each, round-robin over $senders sender numbers, signed with"
  echo "X-Hub-Signature-256; latency of POST /api/v1/channels/whatsapp/webhook until its 200, ms."
  echo
  echo "| database | webhooks | answered 200 | errors | p50 | p95 | p99 | max | server CPU |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${webhook_rows[@]}"
  echo
  echo "Webhook to the agent's socket, in the same run: an agent's \`/ws\` (API token) subscribed to \`inbox\`; time from"
  echo "just before each webhook POST to the socket receiving its \`ticket_created\` frame (a sender's first message"
  echo "opens a ticket) or \`message_created\` frame (later ones continue it), ms."
  echo
  echo "| database | delivered | ticket_created / message_created | p50 | p95 | p99 | max |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${socket_rows[@]}"
} >"$work_dir/table.md"

cp "$work_dir/table.md" "$results"
echo
cat "$results"
say "written to ${results#"$root"/}"
