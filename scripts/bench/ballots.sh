#!/usr/bin/env bash
# The ballot benchmark of issue 7, in one run on this machine (protocol in DESIGN.md): a
# pgbench baseline, then R residents (default 10,000), verified in 曙光街道, each signed in
# over HTTP, cast B ballots each (default 5) across 100 open consultations of that street at
# C concurrent clients (default 64), through the ballot server function as the browser posts
# it, with where the CPU went meanwhile; then a count check: every ballot the server accepted
# is in the database once; last, the database's half of a ballot alone under pgbench
# (scripts/bench/ballot.pgbench), the ceiling for ballots per second on this machine.
#   scripts/bench/ballots.sh [R] [B] [C]
# Needs a release build and DATABASE_URL (a server where it may create jiesu_bench_ballots and
# jiesu_pgbench).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
R=${1:-10000}
B=${2:-5}
C=${3:-64}
PORT=3202
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench_ballots)
PGBENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_pgbench)
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)

for db in jiesu_bench_ballots jiesu_pgbench; do
  psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists $db with (force)" -c "create database $db"
done

echo "== pgbench baseline (scale 10, 16 clients, 30 s each)"
"$PGBENCH" -q -i -s 10 "$PGBENCH_URL" >/dev/null 2>&1
"$PGBENCH" -M prepared -c 16 -j 2 -T 30 "$PGBENCH_URL" 2>/dev/null | grep -E "^tps"
"$PGBENCH" -M prepared -c 16 -j 2 -T 30 -S "$PGBENCH_URL" 2>/dev/null | grep -E "^tps"

echo "== starting the server on :$PORT"
DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=true JIESU_SMS_DEV=true LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site \
  JIESU_UPLOAD_DIR=$(mktemp -d) JIESU_DB_MAX_CONNECTIONS=20 RUST_LOG=warn JIESU_WORKER_INTERVAL_SECS=0 \
  JIESU_SIGN_IN_MAX_FAILURES=1000000 JIESU_SIGN_IN_MAX_FAILURES_PER_CLIENT=1000000 \
  target/release/server &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done

# R residents of 曙光街道's communities, verified there, with the demo resident's password
# (jiesu-resident); 100 consultations of the street, open now, four options each.
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -v r="$R" -f scripts/bench/ballots-setup.sql

SERVER_PID=$server node scripts/bench/ballots.mjs "http://127.0.0.1:$PORT" "$R" "$B" "$C" | tee /tmp/jiesu-ballots.log
read -r _ accepted _ choices < <(grep '^ACCEPTED' /tmp/jiesu-ballots.log)

echo "== count check"
read -r ballots pairs stored empty < <(psql "$BENCH_URL" -qXtA -F ' ' -c "
  select count(*), count(distinct (consultation_id, resident_id)),
         (select count(*) from ballot_choices),
         (select count(*) from ballots b where not exists (
              select 1 from ballot_choices c
              where c.consultation_id = b.consultation_id and c.resident_id = b.resident_id))
  from ballots")
echo "accepted $accepted ballots with $choices choices; the database holds $ballots ballots" \
     "($pairs distinct), $stored choices, $empty ballots without a choice"
if [[ $ballots == "$accepted" && $pairs == "$accepted" && $stored == "$choices" && $empty == 0 ]]; then
  echo "count check: no ballot lost or doubled"
else
  echo "count check FAILED" >&2
  exit 1
fi

echo "== the database's half of a ballot alone (pgbench, 16 clients, 30 s; scripts/bench/ballot.pgbench)"
read -r first_resident first_consultation < <(psql "$BENCH_URL" -qXtA -F ' ' -c "
  select (select min(id) from users where phone like '136%'),
         (select min(id) from consultations where title like '压测议事%')")
"$PGBENCH" -M prepared -c 16 -j 2 -T 30 -n -f scripts/bench/ballot.pgbench -D residents="$R" \
  -D first_resident="$first_resident" -D first_consultation="$first_consultation" "$BENCH_URL" 2>/dev/null \
  | grep -E "^tps"
