#!/usr/bin/env bash
# Installs what building (and, with --test, testing) Tidings needs, from crates.io, npm and Debian only.
# Idempotent: each step checks first and does nothing when the right thing is already there.
#
#   bash scripts/setup.sh           build tools: wasm32 target, cargo-leptos 0.3.10, wasm-bindgen-cli (the version
#                                   in Cargo.lock), npm packages at the root (Tailwind, binaryen's wasm-opt)
#   bash scripts/setup.sh --test    the above, then test tools: Debian chromium, chromium-driver, postgresql,
#                                   dovecot-imapd;
#                                   end2end's npm packages (Playwright, axe)
#
# Sourcing it (`source scripts/setup.sh`) only defines setup_build and setup_test.
# Never `npx playwright install` (it downloads a browser; these machines reach no host for that) and never Debian's
# binaryen (its wasm-opt 108 produces a wasm that fails to hydrate).

CARGO_LEPTOS_VERSION=0.3.10

_setup_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_say() { echo "setup: $*"; }

_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

_cargo_path() {
  if [ -d "$HOME/.cargo/bin" ] && [[ ":$PATH:" != *":$HOME/.cargo/bin:"* ]]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
}

# The wasm-bindgen version in Cargo.lock: the CLI must be exactly this one.
_wasm_bindgen_version() {
  awk '
    /^\[\[package\]\]/ { in_pkg = 0 }
    /^name = "wasm-bindgen"$/ { in_pkg = 1; next }
    in_pkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$_setup_root/Cargo.lock"
}

# `npm install` (never `npm ci`: the lock has only this platform's optional packages) when node_modules is missing
# or older than package.json / package-lock.json.
_npm_install_in() {
  local dir="$1" label
  local marker="$dir/node_modules/.package-lock.json"
  label="${dir#"$_setup_root"}"
  label="${label#/}"
  label="${label:-the workspace root}"
  if [ ! -f "$marker" ] || [ "$dir/package.json" -nt "$marker" ] \
    || { [ -f "$dir/package-lock.json" ] && [ "$dir/package-lock.json" -nt "$marker" ]; }; then
    _say "npm install in $label"
    (cd "$dir" && npm install --no-audit --no-fund)
    touch "$marker"
  else
    _say "npm packages in $label are up to date"
  fi
}

setup_build() {
  _cargo_path
  if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
    echo "setup: cargo and rustup are needed (https://rustup.rs)" >&2
    return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: node and npm are needed" >&2
    return 1
  fi

  if rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
    _say "rust target wasm32-unknown-unknown is installed"
  else
    _say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  local have_leptos
  have_leptos="$(cargo leptos --version 2>/dev/null || true)"
  if [[ "$have_leptos" == *" $CARGO_LEPTOS_VERSION"* ]]; then
    _say "cargo-leptos $CARGO_LEPTOS_VERSION is installed"
  else
    # 0.3.11 needs a newer rustc than 1.95. From source: ~17 min and ~3 GB of memory on 2 cores.
    _say "cargo install --locked cargo-leptos --version $CARGO_LEPTOS_VERSION (found: ${have_leptos:-none}; takes ~17 min)"
    cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION"
  fi

  if [ ! -f "$_setup_root/Cargo.lock" ]; then
    _say "no Cargo.lock: cargo generate-lockfile (commit it, the wasm-bindgen CLI version is read from it)"
    (cd "$_setup_root" && cargo generate-lockfile)
  fi
  local want_bindgen have_bindgen
  want_bindgen="$(_wasm_bindgen_version)"
  if [ -z "$want_bindgen" ]; then
    echo "setup: Cargo.lock names no wasm-bindgen package" >&2
    return 1
  fi
  have_bindgen="$(wasm-bindgen --version 2>/dev/null || true)"
  if [ "$have_bindgen" = "wasm-bindgen $want_bindgen" ]; then
    _say "wasm-bindgen-cli $want_bindgen is installed"
  else
    # No --locked: its lock file names a dependency newer than the registry mirror here has.
    _say "cargo install wasm-bindgen-cli --version $want_bindgen (found: ${have_bindgen:-none}; takes ~2.5 min)"
    cargo install --force wasm-bindgen-cli --version "$want_bindgen"
  fi

  _npm_install_in "$_setup_root"
}

_apt_updated=0
_apt_install() {
  if [ "$_apt_updated" -eq 0 ]; then
    _say "apt-get update"
    _sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    _apt_updated=1
  fi
  _say "apt-get install $*"
  _sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

_have_initdb() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

setup_test() {
  local missing=()
  if [ -x /usr/bin/chromium ]; then
    _say "chromium is installed"
  else
    missing+=(chromium)
  fi
  if [ ! -x /usr/bin/chromedriver ]; then
    missing+=(chromium-driver)
  fi
  if _have_initdb; then
    _say "postgresql is installed"
  else
    missing+=(postgresql)
  fi
  # A real IMAP server for the mail polling tests (server/tests/http/common/imap_server.rs).
  if [ -x /usr/sbin/dovecot ] && [ -x /usr/lib/dovecot/imap ]; then
    _say "dovecot-imapd is installed"
  else
    missing+=(dovecot-imapd)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    # With recommends, as in the proven recipe (chromium's fonts come that way).
    _apt_install "${missing[@]}"
  fi
  _npm_install_in "$_setup_root/end2end"
  # A real SMTP server for the email tests.
  if python3 -c 'import aiosmtpd' 2>/dev/null; then
    _say "aiosmtpd is installed"
  else
    python3 -m pip install --quiet --disable-pip-version-check aiosmtpd
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  want_test=0
  for arg in "$@"; do
    case "$arg" in
      --test) want_test=1 ;;
      -h | --help)
        sed -n '2,13p' "$0"
        exit 0
        ;;
      *)
        echo "setup: unknown argument $arg (use --test for the test tools)" >&2
        exit 2
        ;;
    esac
  done
  setup_build
  if [ "$want_test" -eq 1 ]; then
    setup_test
  fi
  _say "done"
fi
