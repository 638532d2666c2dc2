#!/usr/bin/env bash
# Page throughput next to PostgreSQL's own, in one run on this machine (issue 22): pgbench -S
# (select-only, 32 clients) as the baseline, then wrk (2 threads, 32 connections, 15 s each)
# against the public pages signed out, with N requests loaded (default 1,000,000): `/`, one
# public request page, the public list's first page and the city dashboard. Prints a table of
# requests per second, p99 latency and the ratio to pgbench -S, where each view's time went (CPU
# milliseconds of the server and of Postgres per page view, and Postgres transactions per view,
# each single statement outside BEGIN being one), then the server's memory.
# (scripts/bench/all.sh runs this with every other benchmark.)
#   scripts/bench/pages.sh [N]
# Needs a release build and DATABASE_URL (a server where it may create jiesu_bench and
# jiesu_pgbench); installs wrk with apt when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
source scripts/bench/common.sh
N=${1:-1000000}
PORT=3200
DURATION=${DURATION:-15}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
apt_install wrk bc
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench)
PGBENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_pgbench)
fresh_databases jiesu_bench jiesu_pgbench

log "pgbench baselines (scale 10, ${DURATION} s each)"
pgbench_baselines "$PGBENCH_URL" "$DURATION"

log "starting the server on :$PORT"
start_server $PORT "$BENCH_URL"

log "loading $N requests"
add_bench_residents "$BENCH_URL"
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -v n="$N" -f scripts/bench/load-requests.sql
# The measures' fold recounts and folds what the load queued; measure the pages once it is done.
while [ "$(psql "$BENCH_URL" -qXAt -c "select (select count(*) from measures_pending) + (select count(*) from measure_deltas)")" != 0 ]; do sleep 2; done
psql "$BENCH_URL" -qX -c "vacuum analyze" >/dev/null
# The loader's numbers (nine digits after the dash) are not ones the site accepts: give the
# newest public request a number of the filing form's shape.
number=20261205-999999
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -c "update requests set tracking_number = '$number'
  where id = (select max(id) from requests where is_public)" >/dev/null

printf '\n%-20s %8s %8s %8s %10s %10s %6s\n' "page" "req/s" "p99 ms" "× pg -S" "server ms" "pg ms" "pg tx"
for page in / "/requests/$number" /requests /measures; do
  read -r rps p99 server_ms pg_ms tx errors < <(wrk_page $PORT "$page" "$BENCH_URL")
  label=$page
  [[ $page == /requests/?* ]] && label="/requests/{number}"
  printf '%-20s %8.0f %8.1f %8.3f %10.3f %10.3f %6.1f %s\n' "$label" "$rps" "$p99" \
    "$(echo "$rps / $PG_SELECT" | bc -l)" "$server_ms" "$pg_ms" "$tx" "$errors"
done
printf '\nserver memory after load: %s MB RSS\n' "$(server_rss_mb)"
