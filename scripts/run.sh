#!/usr/bin/env bash
# Build Tidings and run it on SQLite: the README's "build and run" command.
#
#   bash scripts/run.sh [--no-build] [TIDINGS ARGS...]      (default arguments: serve)
#
# Installs the build tools if needed (scripts/setup.sh), builds the release binary and site
# (`cargo leptos build --release`), precompresses the site's wasm/js/css, then runs target/release/tidings in the
# foreground. Environment, all optional:
#   TIDINGS_ADDR         where to listen (default 127.0.0.1:3000)
#   TIDINGS_DATA_DIR     where the SQLite database and uploads live (default ./data)
#   DATABASE_URL         sqlite://… or postgres://… instead of the file under TIDINGS_DATA_DIR
#   TIDINGS_ADMIN_EMAIL, TIDINGS_ADMIN_PASSWORD
#                        the first admin, created when no admin exists yet. When unset, the admin is
#                        admin@example.com with a generated password kept in $TIDINGS_DATA_DIR/first-admin.txt
#                        (mode 600) and reused on later runs; both are printed before the server starts.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
if [ "$#" -eq 0 ]; then
  set -- serve
fi

if [ "$build" -eq 1 ]; then
  bash scripts/setup.sh
  echo "run: cargo leptos build --release"
  cargo leptos build --release
  node scripts/precompress.mjs target/site/pkg
fi

if [ ! -x target/release/tidings ] || [ ! -d target/site/pkg ]; then
  echo "run: target/release/tidings or target/site is missing: run without --no-build first" >&2
  exit 1
fi

export LEPTOS_SITE_ROOT="$root/target/site"
export LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_OUTPUT_NAME=tidings
export LEPTOS_ENV="${LEPTOS_ENV:-PROD}"
export TIDINGS_DATA_DIR="${TIDINGS_DATA_DIR:-$root/data}"
export TIDINGS_ADDR="${TIDINGS_ADDR:-127.0.0.1:3000}"
mkdir -p "$TIDINGS_DATA_DIR"

if [ -z "${TIDINGS_ADMIN_EMAIL:-}" ] || [ -z "${TIDINGS_ADMIN_PASSWORD:-}" ]; then
  secret_file="$TIDINGS_DATA_DIR/first-admin.txt"
  if [ -f "$secret_file" ]; then
    TIDINGS_ADMIN_EMAIL="${TIDINGS_ADMIN_EMAIL:-$(sed -n 's/^email=//p' "$secret_file" | head -n 1)}"
    TIDINGS_ADMIN_PASSWORD="$(sed -n 's/^password=//p' "$secret_file" | head -n 1)"
  fi
  TIDINGS_ADMIN_EMAIL="${TIDINGS_ADMIN_EMAIL:-admin@example.com}"
  if [ -z "${TIDINGS_ADMIN_PASSWORD:-}" ]; then
    TIDINGS_ADMIN_PASSWORD="$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c 1-24)"
  fi
  (
    umask 077
    printf 'email=%s\npassword=%s\n' "$TIDINGS_ADMIN_EMAIL" "$TIDINGS_ADMIN_PASSWORD" >"$secret_file"
  )
  chmod 600 "$secret_file"
  admin_note="generated, kept in $secret_file"
else
  admin_note="from TIDINGS_ADMIN_EMAIL / TIDINGS_ADMIN_PASSWORD"
fi
export TIDINGS_ADMIN_EMAIL TIDINGS_ADMIN_PASSWORD

# The address to open in a browser: a wildcard listen address is reached through loopback.
host="${TIDINGS_ADDR%:*}"
port="${TIDINGS_ADDR##*:}"
case "$host" in
  0.0.0.0 | "" | "[::]") host=127.0.0.1 ;;
esac
if [ -n "${DATABASE_URL:-}" ]; then
  database="${DATABASE_URL%%://*} database from DATABASE_URL"
else
  database="SQLite under $TIDINGS_DATA_DIR"
fi

if [ "$1" = serve ]; then
  cat <<EOF

  Tidings is starting at  http://$host:$port
  Database:               $database
  First admin ($admin_note):
    email     $TIDINGS_ADMIN_EMAIL
    password  $TIDINGS_ADMIN_PASSWORD
  (The admin is created only when the database has none; a password changed later is not shown here.)

EOF
fi

exec "$root/target/release/tidings" "$@"
