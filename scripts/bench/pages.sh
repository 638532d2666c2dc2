#!/usr/bin/env bash
# Page throughput next to PostgreSQL's own, in one run on this machine (issue 22): pgbench -S
# (select-only, 32 clients) as the baseline, then wrk (2 threads, 32 connections, 15 s each)
# against the public pages signed out, with N requests loaded (default 1,000,000): `/`, one
# public request page, the public list's first page and the city dashboard. Prints a table of
# requests per second, p99 latency and the ratio to pgbench -S, then the server's memory.
#   scripts/bench/pages.sh [N]
# Needs a release build and DATABASE_URL (a server where it may create jiesu_bench and
# jiesu_pgbench); installs wrk with apt when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
N=${1:-1000000}
PORT=3200
DURATION=${DURATION:-15}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
apt_install wrk bc
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench)
PGBENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_pgbench)
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)

for db in jiesu_bench jiesu_pgbench; do
  psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists $db with (force)" -c "create database $db"
done

log "pgbench -S baseline (scale 10, 32 clients, ${DURATION} s)"
"$PGBENCH" -q -i -s 10 "$PGBENCH_URL" >/dev/null 2>&1
baseline=$("$PGBENCH" -M prepared -S -c 32 -j 2 -T "$DURATION" "$PGBENCH_URL" 2>/dev/null \
  | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
echo "pgbench -S: $baseline tps"

log "starting the server on :$PORT"
DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=true JIESU_SMS_DEV=true LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site \
  JIESU_UPLOAD_DIR=$(mktemp -d) JIESU_DB_MAX_CONNECTIONS=20 RUST_LOG=warn,sqlx=error JIESU_WORKER_INTERVAL_SECS=0 \
  target/release/server &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null || { echo "the server did not start" >&2; exit 1; }

log "loading $N requests"
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -c "
  insert into users (phone, password_hash, display_name, role, home_community_id)
  select (13700000000 + g)::text, u.password_hash, '压测居民' || g, 'resident', u.home_community_id
  from generate_series(0, 15) g, users u where u.phone = '13800000001'"
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -v n="$N" -f scripts/bench/load-requests.sql
# The measures' fold drains what the load queued; measure the pages once it is done.
while [ "$(psql "$BENCH_URL" -qXAt -c "select count(*) from measure_deltas")" != 0 ]; do sleep 2; done
psql "$BENCH_URL" -qX -c "vacuum analyze" >/dev/null
# The loader's numbers (nine digits after the dash) are not ones the site accepts: give the
# newest public request a number of the filing form's shape.
number=20261205-999999
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -c "update requests set tracking_number = '$number'
  where id = (select max(id) from requests where is_public)" >/dev/null

printf '\n%-28s %10s %9s %8s\n' "page" "req/s" "p99 ms" "× pg -S"
for page in / "/requests/$number" /requests /measures; do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$page" # warm, and fail loudly on an error
  out=$(wrk -t2 -c32 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$page")
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
        else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
        print v }' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  label=$page
  [[ $page == /requests/?* ]] && label="/requests/{number}"
  printf '%-28s %10.0f %9.1f %8.3f %s\n' "$label" "$rps" "$p99" "$(echo "$rps / $baseline" | bc -l)" "$errors"
done
printf '\nserver memory after load: %s MB RSS\n' "$(( $(awk '/VmRSS/ { print $2 }' /proc/$server/status) / 1024 ))"
