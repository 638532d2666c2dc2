-- Loads :n synthetic public requests (psql -v n=1000000), spread over every community (so
-- every street and district), every leaf category and the last 24 months, with their
-- "filed" events. Requests older than 30 days are closed; the last 30 days' are in every
-- state, so the open ones past a deadline are the worker's realistic backlog. One INSERT … SELECT from generate_series per table: the server does the
-- work, as COPY would. Requires the demo data and the bench residents (scripts/bench/requests.sh).

create temp table bench_places as
select row_number() over (order by c.id) - 1 as i, c.id as community_id, s.id as street_id,
       s.parent_id as district_id, u.id as unit_id
from areas c join areas s on s.id = c.parent_id
left join units u on u.area_id = s.id and u.kind = 'street'
where c.level = 'community';

create temp table bench_categories as
select row_number() over (order by c.id) - 1 as i, c.id, c.respond_hours, c.resolve_hours
from categories c
where not exists (select 1 from categories k where k.parent_id = c.id);

create temp table bench_residents as
select row_number() over (order by id) - 1 as i, id from users where phone like '1370000%';

\timing on
insert into requests (tracking_number, resident_id, kind, category_id, community_id, street_id,
                      district_id, address, description, is_public, show_name, status, unit_id,
                      respond_by, resolve_by, idempotency_key, created_at, updated_at)
select to_char(t.at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-9' || lpad(g::text, 8, '0'),
       r.id,
       (array['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'])[1 + g % 6],
       c.id, p.community_id, p.street_id, p.district_id,
       '',
       '合成的诉求 ' || g || '：小区门口路灯不亮，晚上出行不便，请尽快维修。',
       true, false,
       st.status,
       case when st.status <> 'submitted' then p.unit_id end,
       t.at + make_interval(hours => c.respond_hours),
       t.at + make_interval(hours => c.resolve_hours),
       gen_random_uuid(), t.at, t.at
from generate_series(1::bigint, :n) as g
cross join lateral (select now() - make_interval(secs => (g::bigint * 63113904 / :n)::double precision) as at) t
-- place and category drawn at random, independently of each other and of time
cross join lateral (select floor(random() * (select count(*) from bench_places))::bigint as pi,
                           floor(random() * (select count(*) from bench_categories))::bigint as ci
                    where g > 0) pick
join bench_places p on p.i = pick.pi
join bench_categories c on c.i = pick.ci
join bench_residents r on r.i = g % (select count(*) from bench_residents)
-- as in the city: what was filed over a month ago is closed; the last month is in every state
cross join lateral (select case when t.at < now() - interval '30 days' then 'closed'
                                else (array['submitted', 'dispatched', 'accepted', 'in_progress',
                                            'resolved', 'closed'])[1 + g % 6] end as status) st
-- ids in filing order, as the city files them: every place interleaved over time (the joins
-- above would otherwise hand rows over grouped by place, one district after another)
order by g;

insert into request_events (request_id, actor_id, kind, to_status, is_public, created_at)
select id, resident_id, 'filed', 'submitted', true, created_at
from requests where tracking_number like '%-9%';
\timing off

analyze requests;
analyze request_events;
select count(*) as requests_loaded from requests;
