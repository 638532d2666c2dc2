#!/usr/bin/env bash
# The handling benchmark of issue 5, in one run on this machine (protocol in DESIGN.md): a
# pgbench baseline, then dispatch and resolve over HTTP at 16 signed-in staff clients, each
# step on its own request (M of each, default 20,000), with N requests loaded beside them
# (default 1,000,000, the filing generator), then one deadline worker pass with its plan.
#   scripts/bench/handling.sh [N] [M]
# Needs a release build and DATABASE_URL (a server where it may create jiesu_bench_handling
# and jiesu_pgbench).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
N=${1:-1000000}
M=${2:-20000}
PORT=3201
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server the benchmark may use}"
BENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_bench_handling)
PGBENCH_URL=$(database_url_for "$DATABASE_URL" jiesu_pgbench)
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)

for db in jiesu_bench_handling jiesu_pgbench; do
  psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists $db with (force)" -c "create database $db"
done

echo "== pgbench baseline (scale 10, 16 clients, 30 s)"
"$PGBENCH" -q -i -s 10 "$PGBENCH_URL" >/dev/null 2>&1
"$PGBENCH" -M prepared -c 16 -j 2 -T 30 "$PGBENCH_URL" 2>/dev/null | grep -E "^tps"

echo "== starting the server on :$PORT (its deadline worker off: the pass below is measured alone)"
DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=true JIESU_SMS_DEV=true LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site \
  JIESU_UPLOAD_DIR=$(mktemp -d) JIESU_DB_MAX_CONNECTIONS=20 RUST_LOG=warn JIESU_WORKER_INTERVAL_SECS=0 \
  target/release/server &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done

# 16 bench residents (for the generator), 16 dispatchers and 16 handlers of 曙光街道办事处, all
# with the demo resident's password (jiesu-resident).
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -c "
  insert into users (phone, password_hash, display_name, role, home_community_id, unit_id)
  select p.phone, d.password_hash, p.name, p.role, p.home, p.unit
  from (select (13700000000 + g)::text as phone, '压测居民' || g as name, 'resident' as role,
               (select home_community_id from users where phone = '13800000001') as home, null::bigint as unit
        from generate_series(0, 15) g
        union all
        select '136000000' || lpad(g::text, 2, '0'), '压测派单员' || g, 'dispatcher', null, null
        from generate_series(0, 15) g
        union all
        select '135000000' || lpad(g::text, 2, '0'), '压测承办人' || g, 'handler', null,
               (select id from units where code = 'street:110108025')
        from generate_series(0, 15) g) p,
       (select password_hash from users where phone = '13800000001') d"

echo "== loading $N requests, then $M to dispatch and $M to resolve"
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -v n="$N" -f scripts/bench/load-requests.sql >/dev/null
psql "$BENCH_URL" -qX -v ON_ERROR_STOP=1 -v m="$M" -c "
  create table bench_steps as
  select g, case when g <= $M then 'dispatch' else 'resolve' end as step,
         '19990101-' || lpad(g::text, 6, '0') as number
  from generate_series(1, 2 * $M) g;
  insert into requests (tracking_number, resident_id, kind, category_id, community_id, street_id,
                        district_id, address, description, is_public, show_name, status, unit_id,
                        respond_by, resolve_by, idempotency_key, dispatched_at, responded_at)
  select b.number, (select id from users where phone = '13700000000'), 'complaint',
         (select id from categories where code = 'environment.noise'),
         a.id, a.parent_id, s.parent_id, '', '压测：夜里施工噪音很大，请尽快处理', true, false,
         case b.step when 'dispatch' then 'submitted' else 'responded' end,
         case b.step when 'resolve' then (select id from units where code = 'street:110108025') end,
         now() + interval '1 day', now() + interval '7 days', gen_random_uuid(),
         case b.step when 'resolve' then now() end, case b.step when 'resolve' then now() end
  from bench_steps b, areas a join areas s on s.id = a.parent_id where a.code = '110108025014';
  analyze requests;"

echo "== staff steps over HTTP"
psql "$BENCH_URL" -tAX -c "select number from bench_steps where step = 'dispatch' order by g" |
  node scripts/bench/handle.mjs "http://127.0.0.1:$PORT" 16 dispatch 136000000 jiesu-resident
psql "$BENCH_URL" -tAX -c "select number from bench_steps where step = 'resolve' order by g" |
  node scripts/bench/handle.mjs "http://127.0.0.1:$PORT" 16 resolve 135000000 jiesu-resident
psql "$BENCH_URL" -tAX -c "select 'events written: ' || count(*) from request_events where kind in ('dispatched', 'resolved')"

echo "== deadline worker: what is due, the plan of one batch, then one whole pass"
psql "$BENCH_URL" -X -c "select
    count(*) filter (where not respond_overdue and respond_by < now()
                       and status in ('submitted', 'dispatched', 'accepted')) as respond_due,
    count(*) filter (where not resolve_overdue and resolve_by < now()
                       and status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress')) as resolve_due,
    count(*) as requests
  from requests"
psql "$BENCH_URL" -X -c "explain (analyze, buffers, costs off)
  select id from requests where not respond_overdue and respond_by < now()
    and status in ('submitted', 'dispatched', 'accepted')
  order by respond_by limit 500 for update skip locked"
DATABASE_URL=$BENCH_URL JIESU_DEMO_DATA=false RUST_LOG=warn target/release/server deadlines
