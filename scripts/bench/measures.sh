#!/usr/bin/env bash
# The measures benchmark of issue 6, in one run: the dashboard's and the street ranking's
# p50/p95 over HTTP with SMALL requests loaded (default 100,000), then again after loading up
# to LARGE (default 10,000,000) with their events and ratings; the load's and the rollup
# rebuild's times; and the consistency check on the large data.
#   scripts/bench/measures.sh [SMALL] [LARGE]
# Needs a release build (scripts/dev.sh test or cargo leptos build --release) and DATABASE_URL
# (a server where it may create the database jiesu_bench_measures; about 25 GB of disk at 10 M).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
SMALL=${1:-100000}
LARGE=${2:-10000000}
PORT=3300
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench_measures)
psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists jiesu_bench_measures with (force)" \
  -c "create database jiesu_bench_measures"

echo "== starting the server on :$PORT (it migrates and loads the demo data)"
DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=true JIESU_SMS_DEV=true LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site \
  JIESU_UPLOAD_DIR=$(mktemp -d) RUST_LOG=warn JIESU_WORKER_INTERVAL_SECS=0 JIESU_FOLD_INTERVAL_MS=0 \
  target/release/server &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -c "
  insert into users (phone, password_hash, display_name, role, home_community_id)
  select (13700000000 + g)::text, u.password_hash, '压测居民' || g, 'resident', u.home_community_id
  from generate_series(0, 15) g, users u where u.phone = '13800000001'"

# Loads requests FIRST..LAST and counts the rollups again from the event log.
load() {
  local started=$SECONDS
  psql "$BENCH_URL" -qX -v first="$1" -v last="$2" -f scripts/bench/load-measures.sql
  local loaded=$SECONDS
  DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=false RUST_LOG=warn target/release/server measures rebuild
  echo "load of $(( $2 - $1 + 1 )) requests: $(( loaded - started )) s loading and indexing, $(( SECONDS - loaded )) s counting the rollups, $(( SECONDS - started )) s in all"
  psql "$BENCH_URL" -qtAX -c "select 'rows: ' || (select count(*) from requests) || ' requests, '
    || (select count(*) from request_events) || ' events, ' || (select count(*) from ratings) || ' ratings, '
    || (select count(*) from measures) || ' rollup rows; database ' || pg_size_pretty(pg_database_size(current_database()))"
}

echo "== $SMALL requests"
load 1 "$SMALL"
node scripts/bench/dashboard.mjs "http://127.0.0.1:$PORT" 200 "at $SMALL: "

echo "== up to $LARGE requests"
load $(( SMALL + 1 )) "$LARGE"
node scripts/bench/dashboard.mjs "http://127.0.0.1:$PORT" 200 "at $LARGE: "

echo "== consistency check on the large data"
time DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=false RUST_LOG=warn target/release/server measures check
