#!/usr/bin/env bash
# Does a burst of bad sign-ins stall the site? (issue 17) A public page's latency while idle,
# then while 200 clients keep posting bad sign-ins (each a password check: argon2, ~25 ms of
# CPU), next to how many sign-ins were answered. Password checks run a few at once on their
# own threads, with no transaction open, so the page should barely notice.
#   scripts/bench/sign-in-stall.sh [CLIENTS] [SECONDS]
# Needs a release build and DATABASE_URL (a server where it may create jiesu_bench).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
CLIENTS=${1:-200}
SECONDS_EACH=${2:-20}
PORT=3201
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench)
psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists jiesu_bench with (force)" -c "create database jiesu_bench"

echo "== starting the server on :$PORT"
# The per-client limit is lifted: the 200 guessers stand for a botnet of many addresses, so
# every try reaches the password check (the worst case for the CPU).
DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=true JIESU_SMS_DEV=true LEPTOS_SITE_ADDR=127.0.0.1:$PORT \
  LEPTOS_SITE_ROOT=target/site JIESU_SIGN_IN_MAX_FAILURES_PER_CLIENT=100000000 \
  JIESU_DB_MAX_CONNECTIONS=20 RUST_LOG=warn JIESU_WORKER_INTERVAL_SECS=0 \
  target/release/server &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done

node scripts/bench/sign-in-stall.mjs "http://127.0.0.1:$PORT" "$CLIENTS" "$SECONDS_EACH"
