#!/usr/bin/env bash
# Knowledge-base benchmark of a release build, on this machine only (client and server share it; every connection
# goes to 127.0.0.1; each run is bounded and the script stops the server itself).
#
#   bash bench/kb.sh [--pg | --pg-only]
#
# Builds target/release/tidings (cargo build --release -p server) when it is missing or too old to have
# `tidings kb reindex`, and the load tool, target/release/kb-load (bench/kb), when it is missing. For each database
# it starts the server on a free port with a temporary data dir and a first admin (TIDINGS_ADMIN_EMAIL /
# TIDINGS_ADMIN_PASSWORD), signs in with curl, makes an API token (POST /api/v1/tokens) and runs kb-load:
#   1. seeding: BENCH_KB_ARTICLES (10000) generated articles of 300-500 words and a German translation of each,
#      POSTed published to /api/v1/kb/articles, 4 at a time;
#   2. search: BENCH_KB_QUERIES (2000) queries (title words, prefixes, typos, German without umlauts, two
#      words) on GET /api/v1/kb/articles?lang=&q=&status=published at each of BENCH_KB_CONCURRENCY (1,8), and
#      1000 title prefixes on GET /api/v1/kb/suggest;
#   3. the article page GET /help/en/articles/{slug} (server-rendered) for BENCH_KB_PAGE_SECONDS (10) s, 8 at a time.
# Then it stops the server and times `tidings kb reindex` on the same database. kb-load gets BENCH_KB_TIMEOUT
# (2400) s per database; the rows it printed before a failure or the timeout are kept.
#
# Databases: SQLite (unless --pg-only); PostgreSQL too when TIDINGS_BENCH_PG_URL is set (an empty database: the
# script adds an admin and 20,000 articles to it) or with --pg / --pg-only (a throwaway cluster from scripts/pg.sh).
# Writes the tables to bench/kb-results.md (or BENCH_KB_RESULTS) and prints them. BENCH_KB_KEEP=1 keeps the SQLite
# data dir (for looking into the database afterwards). BENCH_KB_REUSE=1 skips seeding and measures the articles
# an earlier run left (same BENCH_KB_ARTICLES): SQLite's data dir is BENCH_KB_DATA (one kept by BENCH_KB_KEEP),
# PostgreSQL's database TIDINGS_BENCH_PG_URL; a bench admin is added with `tidings user add`. A database from an
# older version is migrated by the server first (and reindexed if a migration asks for it).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="${TIDINGS_BENCH_BIN:-$root/target/release/tidings}"
load="$root/target/release/kb-load"
site="${LEPTOS_SITE_ROOT:-$root/target/site}"
results="${BENCH_KB_RESULTS:-$root/bench/kb-results.md}"
articles="${BENCH_KB_ARTICLES:-10000}"
queries="${BENCH_KB_QUERIES:-2000}"
concurrency="${BENCH_KB_CONCURRENCY:-1,8}"
page_seconds="${BENCH_KB_PAGE_SECONDS:-10}"

use_throwaway_pg=0
skip_sqlite=0
for arg in "$@"; do
  case "$arg" in
    --pg) use_throwaway_pg=1 ;;
    --pg-only)
      use_throwaway_pg=1
      skip_sqlite=1
      ;;
    -h | --help)
      sed -n '2,26p' "$0"
      exit 0
      ;;
    *)
      echo "bench: unknown argument $arg" >&2
      exit 2
      ;;
  esac
done

say() { echo "bench: $*" >&2; }

if [ ! -x "$bin" ] || ! "$bin" kb reindex --help >/dev/null 2>&1; then
  say "building the server (cargo build --release -p server)"
  cargo build --release -p server
fi
if [ ! -x "$load" ]; then
  say "building kb-load"
  cargo build --release -p kb-load
fi

# --- state that cleanup needs
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/tidings-kb-bench.XXXXXX")"
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
  if [ -n "${BENCH_KB_KEEP:-}" ]; then
    say "kept the SQLite data dir under $work_dir (BENCH_KB_KEEP)"
  else
    rm -rf "$work_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

seed_rows=()
search_rows=()
kind_rows=()
suggest_rows=()
page_rows=()
reindex_rows=()

# The size of the database: the SQLite data dir, or the PostgreSQL database (when psql is there).
database_size() {
  local data="$1" database_url="$2"
  if [ -z "$database_url" ]; then
    du -sh "$data" | cut -f 1
  elif command -v psql >/dev/null 2>&1; then
    psql "$database_url" -Atc 'select pg_size_pretty(pg_database_size(current_database()))' 2>/dev/null || echo "?"
  else
    echo "?"
  fi
}

# bench_backend LABEL [DATABASE_URL]
bench_backend() {
  local label="$1" database_url="${2:-}"
  local port base data admin password
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  data="$work_dir/$label-data"
  local reuse_flag=()
  if [ -n "${BENCH_KB_REUSE:-}" ]; then
    reuse_flag=(--reuse)
    if [ -z "$database_url" ]; then
      data="${BENCH_KB_DATA:?BENCH_KB_REUSE needs BENCH_KB_DATA, a SQLite data dir kept by BENCH_KB_KEEP}"
    fi
  fi
  mkdir -p "$data"
  admin="kb-admin-$(date +%s)-$RANDOM@example.com"
  password="$(gen_password)"

  local env_cmd=(env -u DATABASE_URL TIDINGS_DATA_DIR="$data" TIDINGS_ADDR="127.0.0.1:$port"
    LEPTOS_SITE_ROOT="$site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=tidings LEPTOS_ENV=PROD
    RUST_LOG="${RUST_LOG:-warn}")
  if [ -n "$database_url" ]; then
    env_cmd+=(DATABASE_URL="$database_url")
  fi

  if [ -n "${BENCH_KB_REUSE:-}" ]; then
    "${env_cmd[@]}" "$bin" user add --email "$admin" --name "KB bench" --role admin --password "$password" >/dev/null
  fi
  say "[$label] starting the server on $base"
  "${env_cmd[@]}" TIDINGS_ADMIN_EMAIL="$admin" TIDINGS_ADMIN_PASSWORD="$password" \
    "$bin" serve >"$work_dir/$label-server.log" 2>&1 &
  server_pid=$!
  if ! wait_until_healthy "$base/healthz" "$server_pid"; then
    say "[$label] the server did not come up; its log:"
    tail -n 30 "$work_dir/$label-server.log" >&2
    stop_server
    return 1
  fi

  local jar="$work_dir/$label.cookies" token
  curl -fsS -c "$jar" -o /dev/null --max-time 10 -H 'Content-Type: application/json' -H "Origin: $base" \
    --data "{\"email\":\"$admin\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
  token="$(curl -fsS -b "$jar" --max-time 10 -H 'Content-Type: application/json' -H "Origin: $base" \
    --data '{"name":"kb-bench"}' "$base/api/v1/tokens" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

  say "[$label] kb-load: $articles articles (+ German), $queries searches at concurrency $concurrency, pages"
  local out="$work_dir/$label-kb.txt"
  # The rows kb-load printed before a failure are kept (it prints each as soon as it is measured).
  KB_LOAD_TOKEN="$token" timeout "${BENCH_KB_TIMEOUT:-2400}" "$load" --base "$base" --server-pid "$server_pid" \
    --label "$label" --articles "$articles" --queries "$queries" --concurrency "$concurrency" \
    --page-seconds "$page_seconds" "${reuse_flag[@]}" >"$out" || {
    say "[$label] kb-load failed or ran out of time; the server's log:"
    tail -n 30 "$work_dir/$label-server.log" >&2
  }
  local tag line
  while IFS=$'\t' read -r tag line; do
    case "$tag" in
      seed) seed_rows+=("$line") ;;
      search) search_rows+=("$line") ;;
      kind) kind_rows+=("$line") ;;
      suggest) suggest_rows+=("$line") ;;
      page) page_rows+=("$line") ;;
    esac
  done <"$out"
  if grep -qiE ' (WARN|ERROR) ' "$work_dir/$label-server.log"; then
    say "[$label] the server logged warnings or errors ($(grep -ciE ' (WARN|ERROR) ' "$work_dir/$label-server.log")):"
    grep -iE ' (WARN|ERROR) ' "$work_dir/$label-server.log" | cut -c 1-300 | tail -n 10 >&2
  fi
  stop_server

  say "[$label] tidings kb reindex (server stopped)"
  local reindexed size
  reindexed="$("${env_cmd[@]}" "$bin" kb reindex 2>"$work_dir/$label-reindex.log")" || {
    cat "$work_dir/$label-reindex.log" >&2
    return 1
  }
  size="$(database_size "$data" "$database_url")"
  reindex_rows+=("$(echo "$reindexed" | awk -v label="$label" -v size="$size" '
    /^reindexed [0-9]+ articles in [0-9]+ ms$/ {
      ms = ($5 > 0) ? $5 : 1
      rate = $2 * 1000 / ms
      cell = (rate < 5000) ? sprintf("**%.0f**", rate) : sprintf("%.0f", rate)
      printf "| %s | %d | %.1f s | %s | %s |\n", label, $2, $5 / 1000, cell, size
    }')")
}

load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
if [ "$skip_sqlite" -eq 0 ]; then
  bench_backend SQLite
fi

pg_url="${TIDINGS_BENCH_PG_URL:-}"
if [ -z "$pg_url" ] && [ "$use_throwaway_pg" -eq 1 ]; then
  PG_DATABASE=tidings_kb_bench pg_start
  pg_url="postgres://postgres@127.0.0.1:$PG_PORT/tidings_kb_bench"
fi
if [ -n "$pg_url" ]; then
  bench_backend PostgreSQL "$pg_url"
fi
pg_stop || true
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"

# --- report
commit="$(git rev-parse --short HEAD 2>/dev/null || echo uncommitted)"
cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
{
  echo "Measured $(date -u +%Y-%m-%d) at commit $commit (plus uncommitted changes when the tree had any) on"
  echo "$(nproc) cores ($cpu), release build, load average $load_before at the start and $load_after at the end."
  echo "The load tool (bench/kb, kb-load) and the server share the machine. Latencies in ms (request sent to the"
  echo "whole answer read). Server CPU: its CPU time over the row, % of one core ($(nproc) cores = $(($(nproc) * 100)) %)."
  echo
  echo "Seeding: $articles generated English articles (300-500 words of markdown with headings and lists, from a"
  echo "fixed vocabulary and a seeded generator; distinct titles; 12 categories, 1-3 tags) and a German translation"
  echo "of each (umlauts, compounds), POSTed with \`\"status\":\"published\"\` to /api/v1/kb/articles by an admin's API"
  echo "token, 4 at a time (each worker: the English one, then its translation). Latency per POST."
  echo
  echo "| database | articles | failed | time | articles/s | p50 | p95 | p99 | max | server CPU |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${seed_rows[@]}"
  echo
  echo "Search: $queries queries per row on GET /api/v1/kb/articles?lang=..&q=..&status=published (the public"
  echo "search; sent with the admin's token, as anonymous clients are limited to 600 a minute per address), the five"
  echo "kinds below in turn, English and German alternating, 25 results a page. Concurrency N: N clients, each"
  echo "sending its next query when the last was answered. Targets: p95 < 20 ms and answers < 20 KiB (bold: missed)."
  echo
  echo "| database | concurrency | queries | queries/s | p50 | p95 | p99 | max | mean KiB | max KiB | no hits / answered | errors | server CPU |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${search_rows[@]}"
  echo
  echo "The same queries by kind, from the concurrency-1 row (example: the first query of the kind; mean hits: the"
  echo "answers' \`total\`)."
  echo
  echo "| database | kind | example | queries | p50 | p95 | p99 | max | no hits | mean hits |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${kind_rows[@]}"
  echo
  echo "Autocomplete: 1000 title beginnings (3 to 20 characters, lower case, English and German alternating) on"
  echo "GET /api/v1/kb/suggest?lang=..&q=.. (up to 8 titles)."
  echo
  echo "| database | concurrency | requests | requests/s | p50 | p95 | p99 | max | mean bytes | empty / answered | errors | server CPU |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${suggest_rows[@]}"
  echo
  echo "Article page: GET /help/en/articles/{slug}, the server-rendered help-center page (Leptos SSR: the article,"
  echo "its category trail, related articles; each view counted), anonymous, for $page_seconds s, over all the English"
  echo "articles in a scattered order."
  echo
  echo "| database | concurrency | pages | pages/s | p50 | p95 | p99 | max | mean KiB | errors | server CPU |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${page_rows[@]}"
  echo
  echo "Reindex: \`tidings kb reindex\` on the same database after the server stopped (its own report of the time"
  echo "spent rebuilding every article's search text); target >= 5,000 articles/s (bold: missed). Database size after the run."
  echo
  echo "| database | articles | time | articles/s | database size |"
  echo "|---|---:|---:|---:|---:|"
  printf '%s\n' "${reindex_rows[@]}"
} >"$work_dir/table.md"

cp "$work_dir/table.md" "$results"
echo
cat "$results"
say "written to ${results#"$root"/}"
