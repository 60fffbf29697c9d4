#!/usr/bin/env bash
# Run every test: the README's test command, and what CI runs (.ci/run).
#
#   bash scripts/test.sh [--skip-e2e | --e2e-only] [--no-setup] [--no-build] [-- PLAYWRIGHT ARGS...]
#
# --skip-e2e: Rust tests only; --e2e-only: no Rust tests; --no-setup: install nothing; --no-build: test the existing
# release build (TIDINGS_E2E_BIN, default target/release/tidings, and target/site); after --, arguments for
# Playwright (e.g. -- --project js-off tests/nojs.spec.ts).
#
# 1. installs what is missing (scripts/setup.sh --test: wasm target, cargo-leptos, wasm-bindgen-cli, npm packages,
#    Debian chromium + postgresql);
# 2. starts a throwaway PostgreSQL (scripts/pg.sh) and exports TIDINGS_TEST_PG_URL with TIDINGS_REQUIRE_PG=1, so
#    the Rust tests run every store test on PostgreSQL as well as SQLite and fail rather than skip without it;
# 3. cargo fmt --check (a failure; TIDINGS_STRICT_FMT=0 makes it a warning), then clippy with warnings denied;
# 4. cargo nextest run (or cargo test) -p tidings --features server, -p app --features ssr, -p server (never --workspace: that builds `app` with
#    ssr and hydrate at once);
# 5. cargo leptos build --release and scripts/precompress.mjs;
# 6. the browser tests: target/release/tidings on a free port with a fresh SQLite data dir, an admin from
#    TIDINGS_ADMIN_EMAIL/PASSWORD and an agent, a supervisor and a customer made with `tidings user add` before it
#    starts; Playwright (end2end/) in Debian's Chromium, with and without JavaScript.
# A failing step does not stop the independent ones after it; the exit status is non-zero if any step failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

run_unit=1
run_e2e=1
run_setup=1
run_build=1
playwright_args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --skip-e2e) run_e2e=0 ;;
    --e2e-only) run_unit=0 ;;
    --no-setup) run_setup=0 ;;
    --no-build) run_build=0 ;;
    --)
      shift
      playwright_args=("$@")
      break
      ;;
    -h | --help)
      sed -n '2,23p' "$0"
      exit 0
      ;;
    *)
      echo "test: unknown argument $1" >&2
      exit 2
      ;;
  esac
  shift
done

# A CI build is built once: incremental caches would only add gigabytes to a disk that has few.
if [ -n "${CI:-}" ]; then
  export CARGO_INCREMENTAL=0
fi

started_at=$(date +%s)
failed_steps=()

phase() {
  local now elapsed
  now=$(date +%s)
  elapsed=$((now - started_at))
  printf '\n=== [%02d:%02d] %s\n' $((elapsed / 60)) $((elapsed % 60)) "$*"
}

# Runs a step, records its failure and carries on.
step() {
  local name="$1"
  shift
  phase "$name"
  if "$@"; then
    return 0
  fi
  echo "test: FAILED: $name" >&2
  failed_steps+=("$name")
  return 1
}

# cargo-nextest runs each test in its own process and ends a hung one (.config/nextest.toml); plain cargo test
# is the fallback where it is missing.
rust_tests() {
  if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run "$@"
  else
    cargo test "$@"
  fi
}

clippy_all() {
  cargo clippy -p tidings --features server --tests -- -D warnings \
    && cargo clippy -p server --tests -- -D warnings
}

gen_password() {
  head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c 1-24
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

http_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
  else
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null
  fi
}

# --- cleanup: whatever was started is stopped, whatever ends.
server_pid=""
e2e_dir=""
keep_e2e_dir=0
# shellcheck source=SCRIPTDIR/pg.sh
source "$root/scripts/pg.sh"
# shellcheck source=SCRIPTDIR/process.sh
source "$root/scripts/process.sh"
cleanup() {
  local status=$?
  stop_process "$server_pid"
  pg_stop || true
  if [ -n "$e2e_dir" ] && [ "$keep_e2e_dir" -eq 0 ]; then
    rm -rf "$e2e_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. tools
if [ "$run_setup" -eq 1 ]; then
  phase "setup (scripts/setup.sh --test)"
  # shellcheck source=SCRIPTDIR/setup.sh
  source "$root/scripts/setup.sh"
  setup_build
  setup_test
  if ! cargo fmt --version >/dev/null 2>&1; then
    rustup component add rustfmt
  fi
  if ! cargo clippy --version >/dev/null 2>&1; then
    rustup component add clippy
  fi
fi

# --- 2-4. Rust tests
if [ "$run_unit" -eq 1 ]; then
  phase "throwaway PostgreSQL"
  pg_start
  export TIDINGS_REQUIRE_PG=1

  phase "cargo fmt --all -- --check"
  if ! cargo fmt --all -- --check; then
    if [ "${TIDINGS_STRICT_FMT:-1}" = "1" ]; then
      echo "test: FAILED: formatting (cargo fmt --all fixes it)" >&2
      failed_steps+=("cargo fmt")
    else
      echo "test: WARNING: code is not formatted (cargo fmt --all fixes it); not a failure yet" >&2
    fi
  fi

  step "clippy (warnings denied)" clippy_all || true
  step "tests: core (domain rules, store contract on SQLite and PostgreSQL)" rust_tests -p tidings --features server || true
  step "tests: UI server-side rendering" rust_tests -p app --features ssr || true
  step "tests: server over HTTP (SQLite and PostgreSQL)" rust_tests -p server || true
  pg_stop
fi

# --- 5-6. release build and browser tests
if [ "$run_e2e" -eq 1 ]; then
  built=1
  if [ "$run_build" -eq 1 ]; then
    if ! { step "cargo leptos build --release" cargo leptos build --release \
      && step "precompress" node scripts/precompress.mjs target/site/pkg; }; then
      built=0
    fi
  fi
  if [ "$built" -eq 1 ]; then

    phase "browser tests: start target/release/tidings"
    e2e_dir="$(mktemp -d "${TMPDIR:-/tmp}/tidings-e2e.XXXXXX")"
    port="$(free_port)"
    base_url="http://127.0.0.1:$port"
    bin="${TIDINGS_E2E_BIN:-$root/target/release/tidings}"

    export ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD AGENT_EMAIL=agent@example.com AGENT_PASSWORD \
      SUPERVISOR_EMAIL=supervisor@example.com SUPERVISOR_PASSWORD CUSTOMER_EMAIL=customer@example.com \
      CUSTOMER_PASSWORD BASE_URL="$base_url"
    ADMIN_PASSWORD="$(gen_password)"
    AGENT_PASSWORD="$(gen_password)"
    SUPERVISOR_PASSWORD="$(gen_password)"
    CUSTOMER_PASSWORD="$(gen_password)"

    e2e_ok=1
    # The server and the CLI read the same settings; an inherited DATABASE_URL would point them elsewhere.
    server_env=(env -u DATABASE_URL
      TIDINGS_DATA_DIR="$e2e_dir/data"
      TIDINGS_ADDR="127.0.0.1:$port"
      LEPTOS_SITE_ROOT="$root/target/site" LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=tidings LEPTOS_ENV=PROD
      TIDINGS_ADMIN_EMAIL="$ADMIN_EMAIL" TIDINGS_ADMIN_PASSWORD="$ADMIN_PASSWORD"
      # A Telegram bot whose API nothing answers (port 9): /admin/channels shows a configured channel and a failed
      # test message (end2end/tests/channels.spec.ts).
      TIDINGS_TELEGRAM_BOT_TOKEN="123:e2e-token" TIDINGS_TELEGRAM_SECRET="e2e-telegram-secret"
      TIDINGS_TELEGRAM_API_BASE="http://127.0.0.1:9")
    mkdir -p "$e2e_dir/data"
    for spec in "agent:Agent Smith:$AGENT_EMAIL:$AGENT_PASSWORD" \
      "supervisor:Sam Supervisor:$SUPERVISOR_EMAIL:$SUPERVISOR_PASSWORD" \
      "customer:Carla Customer:$CUSTOMER_EMAIL:$CUSTOMER_PASSWORD"; do
      IFS=: read -r role name email password <<<"$spec"
      echo "test: tidings user add --email $email --name '$name' --role $role"
      if ! "${server_env[@]}" "$bin" user add --email "$email" --name "$name" --role "$role" \
        --password "$password"; then
        e2e_ok=0
      fi
    done
    if [ "$e2e_ok" -eq 0 ]; then
      failed_steps+=("tidings user add")
    fi

    if [ "$e2e_ok" -eq 1 ]; then
      "${server_env[@]}" RUST_LOG="${RUST_LOG:-info}" "$bin" serve >"$e2e_dir/server.log" 2>&1 &
      server_pid=$!
      ready=0
      for _ in $(seq 1 120); do
        if http_ok "$base_url/healthz"; then
          ready=1
          break
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.5
      done
      if [ "$ready" -eq 1 ]; then
        echo "test: server ready at $base_url (log: $e2e_dir/server.log)"
      else
        echo "test: the server did not answer $base_url/healthz within 60 s; its log:" >&2
        tail -n 50 "$e2e_dir/server.log" >&2 || true
        failed_steps+=("server start")
        e2e_ok=0
      fi
    fi

    if [ "$e2e_ok" -eq 1 ]; then
      step "end2end typecheck (tsc)" bash -c 'cd end2end && npx --no-install tsc -p .' || true
      if ! step "end2end (npx playwright test)" \
        bash -c 'cd end2end && exec npx --no-install playwright test "$@"' playwright "${playwright_args[@]}"; then
        keep_e2e_dir=1
        echo "test: last lines of the server log ($e2e_dir/server.log, kept):" >&2
        tail -n 40 "$e2e_dir/server.log" >&2 || true
      fi
    fi
  fi
fi

phase "summary"
if [ "${#failed_steps[@]}" -gt 0 ]; then
  echo "test: ${#failed_steps[@]} step(s) failed:"
  printf '  - %s\n' "${failed_steps[@]}"
  exit 1
fi
echo "test: every step passed"
