-- Loads requests :first to :last (psql -v first=1 -v last=100000) with their events and
-- ratings, spread evenly over the last 24 months, every community (so every street and
-- district) and every leaf category, for the measures benchmark (scripts/bench/measures.sh).
-- Bulk-load style: foreign-key and event triggers off (session_replication_role = replica),
-- the secondary indexes dropped first and built once at the end. The rows are made by the
-- server from generate_series (INSERT … SELECT), which does what COPY would without moving
-- gigabytes through a pipe. The measures are then counted by `server measures rebuild`.
--
-- What a request goes through: older than 30 days, it was dispatched to its street office,
-- answered (one in ten after its respond-by, which the worker marked), resolved and closed:
-- rated four times in five, closed unrated otherwise; one in fifty was returned once first.
-- The last 30 days' requests are in every state. One in fifty is a case its street office found
-- itself (主动治理: `source` patrol), with the same steps: the measures count it apart.

\set ON_ERROR_STOP on
set session_replication_role = replica;
set maintenance_work_mem = '1GB';
set work_mem = '256MB';

create temp table bench_places as
select row_number() over (order by c.id) - 1 as i, c.id as community_id, s.id as street_id,
       s.parent_id as district_id, u.id as unit_id
from areas c join areas s on s.id = c.parent_id
join units u on u.area_id = s.id and u.kind = 'street'
where c.level = 'community';

create temp table bench_categories as
select row_number() over (order by c.id) - 1 as i, c.id, c.respond_hours, c.resolve_hours
from categories c
where not exists (select 1 from categories k where k.parent_id = c.id);

create temp table bench_residents as
select row_number() over (order by id) - 1 as i, id from users where phone like '1370000%';

-- The secondary indexes, dropped now and built again at the end.
create temp table bench_indexes as
select i.indexname, i.indexdef
from pg_indexes i
where i.schemaname = 'public' and i.tablename in ('requests', 'request_events', 'ratings')
  and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
select format('drop index %I', indexname) from bench_indexes \gexec

select coalesce(max(id), 0) as before from requests \gset
\timing on
insert into requests (tracking_number, resident_id, kind, category_id, community_id, street_id,
                      district_id, address, description, is_public, show_name, status, unit_id,
                      dispatched_at, responded_at, resolved_at, closure_code, closed_at,
                      respond_overdue, respond_by, resolve_by, idempotency_key, created_at,
                      updated_at, source, found_by_unit_id)
select to_char(t.at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-8' || lpad(g::text, 8, '0'),
       r.id,
       (array['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'])[1 + g % 6],
       c.id, p.community_id, p.street_id, p.district_id, '',
       '合成的诉求 ' || g || '：小区门口路灯不亮，晚上出行不便，请尽快维修。',
       true, false, st.status,
       case when st.step >= 1 then p.unit_id end,
       case when st.step >= 1 then t.at + interval '1 hour' end,
       case when st.step >= 3 then t.at + make_interval(hours => c.respond_hours + case when g % 10 = 0 then 2 else -1 end) end,
       case when st.step >= 5 then t.at + make_interval(hours => c.resolve_hours - 1) end,
       case when st.step >= 5 then 'resolved' end,
       case when st.step >= 6 then t.at + make_interval(hours => c.resolve_hours + case when g % 5 = 0 then 200 else 24 end) end,
       st.step >= 3 and g % 10 = 0,
       t.at + make_interval(hours => c.respond_hours),
       t.at + make_interval(hours => c.resolve_hours),
       gen_random_uuid(), t.at, t.at,
       case when g % 50 = 7 then 'patrol' else 'resident' end,
       case when g % 50 = 7 then p.unit_id end
from generate_series(:first::bigint, :last::bigint) as g
cross join lateral (
    select now() - make_interval(secs => ((g - :first + 1) * 63113904 / (:last - :first + 1))::double precision) as at) t
cross join lateral (select floor(random() * (select count(*) from bench_places))::bigint as pi,
                           floor(random() * (select count(*) from bench_categories))::bigint as ci
                    where g > 0) pick
join bench_places p on p.i = pick.pi
join bench_categories c on c.i = pick.ci
join bench_residents r on r.i = g % (select count(*) from bench_residents)
-- step: 0 submitted, 1 dispatched, 2 accepted, 3 responded, 4 in progress, 5 resolved, 6 closed
cross join lateral (select s.step, (array['submitted', 'dispatched', 'accepted', 'responded',
                                          'in_progress', 'resolved', 'closed'])[1 + s.step] as status
                    from (select case when t.at < now() - interval '30 days' then 6
                                      else (g % 7)::int end as step) s) st
order by g;

-- The log: filed; returned once (one in fifty) and dispatched again; answered (marked overdue
-- first when late); resolved; closed by the rating or, unrated, by the worker.
insert into request_events (request_id, actor_id, kind, from_status, to_status, is_public, unit_id, created_at)
select q.id, e.actor, e.kind, e.from_status, e.to_status, true, e.unit_id, e.at
from requests q
cross join lateral (
    values (1, q.resident_id, 'filed', null, 'submitted', null::bigint, q.created_at, true),
           (2, null, 'dispatched', 'submitted', 'dispatched', q.unit_id, q.dispatched_at - interval '20 minutes',
            q.dispatched_at is not null and q.id % 50 = 0),
           (3, null, 'returned', 'dispatched', 'submitted', q.unit_id, q.dispatched_at - interval '10 minutes',
            q.dispatched_at is not null and q.id % 50 = 0),
           (4, null, 'dispatched', 'submitted', 'dispatched', q.unit_id, q.dispatched_at, q.dispatched_at is not null),
           (5, null, 'respond_overdue', q.status, q.status, q.unit_id, q.respond_by + interval '1 minute', q.respond_overdue),
           (6, null, 'responded', 'accepted', 'responded', q.unit_id, q.responded_at, q.responded_at is not null),
           (7, null, 'resolved', 'in_progress', 'resolved', q.unit_id, q.resolved_at, q.resolved_at is not null),
           (8, q.resident_id, 'closed', 'resolved', 'closed', null, q.closed_at, q.closed_at is not null and q.id % 5 <> 0),
           (9, null, 'closed_unrated', 'resolved', 'closed', q.unit_id, q.closed_at, q.closed_at is not null and q.id % 5 = 0)
) as e (n, actor, kind, from_status, to_status, unit_id, at, happened)
where q.id > :before
  and e.happened
order by q.id, e.n;

-- The ratings of the closed and rated: seven in ten resolved, mostly satisfied.
insert into ratings (request_id, round, resident_id, unit_id, outcome, satisfaction, created_at)
select q.id, 1, q.resident_id, q.unit_id,
       case when q.id % 20 < 14 then 'resolved' when q.id % 20 < 17 then 'partly' else 'not_resolved' end,
       case when q.id % 20 < 14 then 4 + (q.id % 2)::int when q.id % 20 < 17 then 3 else 1 + (q.id % 2)::int end,
       q.closed_at
from requests q
where q.closed_at is not null and q.id % 5 <> 0
  and q.id > :before;
\timing off

\timing on
select format('%s', indexdef) from bench_indexes \gexec
\timing off
set session_replication_role = origin;
analyze requests;
analyze request_events;
analyze ratings;
select count(*) as requests_loaded from requests;
