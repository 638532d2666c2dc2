#!/usr/bin/env bash
# Jiesu's two commands (see the README):
#   scripts/dev.sh run    build what is needed, serve http://127.0.0.1:3000 with demo data
#   scripts/dev.sh test   run every test: browser (hydrated, JS off; with the WASM budget), unit, db, api
#   scripts/dev.sh build  only the release build (what scripts/cluster.sh serves)
# Both install what is missing on a Debian machine with Rust and Node.js >= 20 and skip what is
# there. Without DATABASE_URL they use a private PostgreSQL cluster in .data/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/lib.sh

CARGO_LEPTOS_VERSION=0.3.10
LEPTOSFMT_VERSION=0.1.33
WASM_BUDGET=200000 # bytes of WASM on the wire (brotli) on the first visit of a page
E2E_PORT=3100

ensure_build_tools() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  # C toolchain and perl: cargo-leptos builds OpenSSL and libgit2 from source.
  apt_install mold build-essential pkg-config perl
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
  if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION\$"; then
    log "installing cargo-leptos $CARGO_LEPTOS_VERSION (once; about 10 minutes)"
    # Its own release profile uses fat LTO: ~3 times slower to build for no gain here.
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
  # cargo-leptos runs the wasm-bindgen on PATH, which must match the library in Cargo.lock.
  local wb
  wb=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
    log "installing wasm-bindgen-cli $wb"
    # Not --locked: its lockfile pins a yanked crate.
    cargo install wasm-bindgen-cli --version "$wb"
  fi
  # npm's binaryen provides wasm-opt (Debian's breaks hydration); Playwright comes with it.
  if [ ! -f end2end/node_modules/.package-lock.json ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "installing end2end's npm packages"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
  export PATH="$ROOT/end2end/node_modules/.bin:$PATH"
}

# leptosfmt formats the view! blocks as rustfmt formats the rest (CI checks both):
# `scripts/dev.sh leptosfmt` formats, `scripts/dev.sh leptosfmt --check` checks.
leptosfmt_run() {
  if ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION\$"; then
    log "installing leptosfmt $LEPTOSFMT_VERSION (once; about 3 minutes)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
  fi
  leptosfmt --quiet "$@" app/src frontend/src server/src
}

build_release() {
  log "building the server and the WASM (release)"
  cargo leptos build --release
}

run() {
  ensure_build_tools
  log "building and serving http://127.0.0.1:3000 (Ctrl-C stops it)"
  # Development: the demo data and its accounts, and texts written to the log.
  JIESU_DEMO_DATA=${JIESU_DEMO_DATA:-true} JIESU_SMS_DEV=${JIESU_SMS_DEV:-true} \
    exec cargo leptos serve --release
}

test_all() {
  ensure_build_tools
  apt_install chromium postgresql-client
  build_release

  local started_cluster=""
  if [ -z "${DATABASE_URL:-}" ]; then
    log "starting the private PostgreSQL cluster (${JIESU_DATA_DIR:-.data})"
    # Stop it afterwards only if it was not already running (say, under scripts/dev.sh run).
    local cluster state
    cluster=$(target/release/server pg start)
    DATABASE_URL=$(sed -n 1p <<<"$cluster")
    state=$(sed -n 2p <<<"$cluster")
    export DATABASE_URL
    [ "$state" = started ] && started_cluster=yes
    [ -n "$started_cluster" ] && trap 'target/release/server pg stop || true' EXIT
  fi

  # First the browser tests, against the release build just made; they also hold the first
  # visit's bytes on the wire, the WASM within its budget.
  log "browser tests (Chromium: hydrated and JavaScript off)"
  local e2e_db=jiesu_e2e
  psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists $e2e_db with (force)" -c "create database $e2e_db"
  JIESU_E2E_DATABASE_URL=$(database_url_for "$DATABASE_URL" "$e2e_db") JIESU_E2E_PORT=$E2E_PORT \
    JIESU_WASM_BUDGET=$WASM_BUDGET \
    CI="${CI:-}" npx --prefix end2end playwright test --config end2end/playwright.config.ts

  # cargo-leptos builds the server with LEPTOS_OUTPUT_NAME set (Leptos bakes it in); the same
  # value here lets the tests reuse that build instead of recompiling Leptos without it.
  log "unit, db and api tests"
  # `--features app/ssr`: app's own unit tests include its server-only modules.
  LEPTOS_OUTPUT_NAME=jiesu cargo test --release --workspace --exclude frontend --features app/ssr

  [ -n "$started_cluster" ] && log "stopping the private PostgreSQL cluster"
  return 0
}

case "${1:-}" in
  run) run ;;
  test) test_all ;;
  build) ensure_build_tools; build_release ;;
  leptosfmt) shift; leptosfmt_run "$@" ;;
  *) echo "usage: scripts/dev.sh run|test|build|leptosfmt [--check]" >&2; exit 2 ;;
esac
