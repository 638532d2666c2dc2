#!/usr/bin/env bash
# Every benchmark of issue 22 in one go, on fresh databases, and one table of the figures and
# their ratio to what PostgreSQL itself does on this machine in the same run:
#   - the baselines: pgbench -S (select-only, 32 clients) and TPC-B (16 clients);
#   - filing over HTTP, 16 signed-in clients, without and with one 1600 × 1200 photo, and the
#     CPU per filing of the server and of Postgres;
#   - ballots: R residents (default 2,000) of 曙光街道 cast 5 ballots each at 64 clients;
#   - the city dashboard and the street ranking, one client, at SMALL requests (default
#     100,000, loaded with their events and ratings);
#   - at PAGES requests (default 1,000,000): `/`, a public request page, the public list and
#     /measures under wrk (2 threads, 32 connections, 15 s), then the list for one client;
#   - the dashboard again at LARGE requests (default 10,000,000; about 20 minutes and 25 GB of
#     disk; 0 skips it);
#   - the server's memory after all of it.
#   scripts/bench/all.sh [SMALL] [PAGES] [LARGE] [R]
# Needs a release build and DATABASE_URL (a server where it may create jiesu_bench_all and
# jiesu_pgbench); installs wrk and bc with apt when they are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
source scripts/bench/common.sh
SMALL=${1:-100000}
PAGES=${2:-1000000}
LARGE=${3:-10000000}
R=${4:-2000}
PORT=3201
DURATION=${DURATION:-15}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
apt_install wrk bc
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench_all)
PGBENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_pgbench)
BASE=http://127.0.0.1:$PORT
started=$SECONDS
fresh_databases jiesu_bench_all jiesu_pgbench
ROWS=()
# A row of the table: what, the figure, its ratio (or "") and a note.
row() { ROWS+=("$(printf '%-36s %22s %8s  %s' "$1" "$2" "$3" "$4")"); }
ratio() { printf '%.3f' "$(echo "$1 / $2" | bc -l)"; }

log "pgbench baselines (scale 10, ${DURATION} s each)"
pgbench_baselines "$PGBENCH_URL" "$DURATION"
row "pgbench -S, 32 clients" "$(printf '%.0f tps' "$PG_SELECT")" "" ""
row "pgbench TPC-B, 16 clients" "$(printf '%.0f tps' "$PG_TPCB")" "" ""

log "starting the server on :$PORT"
start_server $PORT "$BENCH_URL"
add_bench_residents "$BENCH_URL"

log "filing over HTTP"
for photo in "" photo; do
  out=$(SERVER_PID=$SERVER node scripts/bench/file.mjs "$BASE" 16 "$DURATION" $photo | tee /dev/stderr)
  rate=$(sed -n 's/.* \([0-9.]*\) filings\/s.*/\1/p' <<<"$out")
  cpu=$(sed -n 's/^CPU per filing: load generator [0-9.]* ms, \(server [0-9.]* ms, postgres [0-9.]* ms\).*/\1/p' <<<"$out")
  label="filing, 16 clients, no photo"
  [ -n "$photo" ] && label="filing with one 1600 × 1200 photo"
  row "$label" "$rate/s" "$(ratio "$rate" "$PG_TPCB")" "× TPC-B; CPU per filing: $cpu"
done

log "ballots: $R residents, 5 each, 64 clients"
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -v r="$R" -f scripts/bench/ballots-setup.sql
out=$(SERVER_PID=$SERVER node scripts/bench/ballots.mjs "$BASE" "$R" 5 64 | tee /dev/stderr)
rate=$(sed -n 's/.*: \([0-9.]*\) ballots\/s.*/\1/p' <<<"$out")
cpu=$(sed -n 's/^CPU per ballot: load generator [0-9.]* ms, \(server [0-9.]* ms, postgres [0-9.]* ms\).*/\1/p' <<<"$out")
row "ballots, 64 clients" "$rate/s" "$(ratio "$rate" "$PG_TPCB")" "× TPC-B; CPU per ballot: $cpu"

# Loads requests FIRST..LAST with their events and ratings, counts the rollups again and
# names one public request as the filing form would (the loader's numbers are longer).
load() {
  local t=$SECONDS
  psql "$BENCH_URL" -qX -v first="$1" -v last="$2" -f scripts/bench/load-measures.sql >/dev/null
  DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=false RUST_LOG=warn target/release/server measures rebuild >/dev/null
  psql "$BENCH_URL" -qX -c "vacuum analyze" >/dev/null
  echo "loaded requests $1 to $2 in $(( SECONDS - t )) s" >&2
}
dashboard() {
  local out
  out=$(node scripts/bench/dashboard.mjs "$BASE" 200 | tee /dev/stderr)
  while read -r name p50 p95; do
    row "$name at $1 requests, one client" "p50 $p50 ms, p95 $p95 ms" "" ""
  done < <(sed -n 's/^\([a-z]*\): [0-9]* pages, p50 \([0-9.]*\) ms, p95 \([0-9.]*\) ms.*/\1 \2 \3/p' <<<"$out")
}

log "dashboard at $SMALL requests"
load 1 "$SMALL"
dashboard "$SMALL"

log "pages at $PAGES requests"
load $(( SMALL + 1 )) "$PAGES"
number=20261205-999999
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -c "update requests set tracking_number = '$number'
  where id = (select max(id) from requests where is_public)" >/dev/null
for page in / "/requests/$number" /requests /measures; do
  read -r rps p99 server_ms pg_ms tx errors < <(wrk_page $PORT "$page" "$BENCH_URL")
  label="GET $page"
  [[ $page == /requests/?* ]] && label="GET /requests/{number}"
  row "$label" "$(printf '%.0f/s, p99 %.1f ms' "$rps" "$p99")" "$(ratio "$rps" "$PG_SELECT")" \
    "$(printf '× pg -S; per view: server %.2f ms, postgres %.2f ms, %.1f transactions %s' "$server_ms" "$pg_ms" "$tx" "$errors")"
done
out=$(node scripts/bench/list.mjs "$BASE" | tee /dev/stderr)
row "public list, one client, $PAGES" "$(sed -n 's/.*\(p50 [0-9.]* ms\), \(p99 [0-9.]* ms\).*/\1, \2/p' <<<"$out")" "" ""

if [ "$LARGE" -gt "$PAGES" ]; then
  log "dashboard at $LARGE requests"
  load $(( PAGES + 1 )) "$LARGE"
  dashboard "$LARGE"
fi
row "server memory after all of it" "$(server_rss_mb) MB RSS" "" ""

printf '\n%s, %s, %s cores, %s s in all\n' "$(date -u +%F)" "$(uname -m)" "$(nproc)" "$(( SECONDS - started ))"
printf '%-36s %22s %8s  %s\n' "measure" "figure" "ratio" "note"
printf '%s\n' "${ROWS[@]}"
