#!/usr/bin/env bash
# The filing and public-list benchmark of issue 4, in one run on this machine (protocol in
# DESIGN.md): a pgbench baseline, filing throughput over HTTP at 16 signed-in clients without
# and with a photo, then the public list's p50/p99 with N requests loaded (default 1,000,000).
# (scripts/bench/handling.sh measures the staff steps and the deadline worker.)
#   scripts/bench/requests.sh [N]
# Needs a release build (scripts/dev.sh test or cargo leptos build --release) and DATABASE_URL
# (a server where it may create the databases jiesu_bench and jiesu_pgbench).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
N=${1:-1000000}
PORT=3200
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench)
PGBENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_pgbench)
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)

for db in jiesu_bench jiesu_pgbench; do
  psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists $db with (force)" -c "create database $db"
done

echo "== pgbench baseline (scale 10, 16 clients, 30 s each)"
"$PGBENCH" -q -i -s 10 "$PGBENCH_URL" >/dev/null 2>&1
"$PGBENCH" -M prepared -c 16 -j 2 -T 30 "$PGBENCH_URL" 2>/dev/null | grep -E "^tps"
"$PGBENCH" -M prepared -c 16 -j 2 -T 30 -S "$PGBENCH_URL" 2>/dev/null | grep -E "^tps"

echo "== starting the server on :$PORT"
DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=true JIESU_SMS_DEV=true LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site \
  JIESU_FILINGS_PER_HOUR=100000000 JIESU_UPLOAD_DIR=$(mktemp -d) JIESU_DB_MAX_CONNECTIONS=20 RUST_LOG=warn \
  JIESU_WORKER_INTERVAL_SECS=0 \
  target/release/server &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done

# 16 bench residents with the demo resident's password (jiesu-resident).
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -c "
  insert into users (phone, password_hash, display_name, role, home_community_id)
  select (13700000000 + g)::text, u.password_hash, '压测居民' || g, 'resident', u.home_community_id
  from generate_series(0, 15) g, users u where u.phone = '13800000001'"

echo "== filing over HTTP"
node scripts/bench/file.mjs "http://127.0.0.1:$PORT" 16 30
node scripts/bench/file.mjs "http://127.0.0.1:$PORT" 16 30 photo

echo "== loading $N requests"
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -v n="$N" -f scripts/bench/load-requests.sql

echo "== public list"
node scripts/bench/list.mjs "http://127.0.0.1:$PORT"

