-- The hotline answers at intake (直接答复): a dispatcher answers a request no unit needs to act on
-- (most inquiries), from a library of standard answers the admins keep, or in their own words.
-- The answer resolves the request for the hotline centre, the one unit of its kind, which the
-- dispatchers act for: the resident rates it like any resolution, and a reopened answer goes
-- back to the dispatchers. The measures count answers at intake (`answered`, once per request,
-- against the hotline centre) apart from dispatches: the hotline centre is never counted as
-- dispatched to: a request counts as dispatched only once a unit answerable for its response
-- holds it (an answer reopened and then dispatched counts once on each side).

-- One hotline centre.
create unique index units_hotline_centre_idx on units (kind) where kind = 'hotline_centre';
insert into units (code, kind, name_zh, name_en, area_id)
select 'hotline', 'hotline_centre', a.name_zh || '12345市民服务热线',
       a.name_en || ' 12345 Citizen Service Hotline', a.id
from areas a
where a.level = 'city' and not exists(select 1 from units where kind = 'hotline_centre')
order by a.id limit 1
on conflict do nothing;

-- Dispatchers act for the hotline centre.
create or replace view unit_staff as
select u.id as user_id, u.unit_id
from users u where u.role = 'handler' and u.password_hash is not null
union all
select u.id, c.id
from users u join units c on c.kind = 'community' and c.area_id = u.scope_area_id
where u.role = 'area_staff' and u.password_hash is not null
union all
select u.id, h.id
from users u join units h on h.kind = 'hotline_centre'
where u.role = 'dispatcher' and u.password_hash is not null;

-- The standard answers (标准答复库): a title, the text, and the categories it answers (none:
-- any). A request answered from it keeps its own copy of the text.
create table standard_answers (
    id bigint generated always as identity primary key,
    title text not null,
    body text not null,
    updated_by bigint not null references users (id),
    updated_at timestamptz not null default now(),
    constraint standard_answers_title_check check (char_length(title) between 1 and 100),
    constraint standard_answers_body_check check (char_length(body) between 1 and 2000)
);
create table standard_answer_categories (
    answer_id bigint not null references standard_answers (id) on delete cascade,
    category_id bigint not null references categories (id),
    primary key (answer_id, category_id)
);
create index standard_answer_categories_category_idx on standard_answer_categories (category_id);

-- The measures gain `answered`. Nothing was answered at intake before, and no request was
-- held by the hotline centre, so every count kept so far stays right: the new column starts
-- at 0 and the definitions below only add to the old ones.
alter table request_measures add column answered integer not null default 0;
alter table measure_deltas add column answered integer not null default 0;
alter table measures add column answered integer not null default 0;

create or replace view measures_truth as
select s.request_id, s.unit_id,
       (date_trunc('month', r.created_at at time zone 'Asia/Shanghai'))::date as month,
       r.category_id, r.community_id, r.street_id, r.district_id,
       sum(s.filed)::int as filed,
       sum(s.dispatched)::int as dispatched,
       sum(s.responded_on_time)::int as responded_on_time,
       sum(s.respond_overdue)::int as respond_overdue,
       sum(s.resolve_overdue)::int as resolve_overdue,
       sum(s.rated)::int as rated,
       sum(s.resolved)::int as resolved,
       sum(s.satisfied)::int as satisfied,
       sum(s.unrated)::int as unrated,
       sum(s.reopened)::int as reopened,
       sum(s.returned)::int as returned,
       sum(s.whistles)::int as whistles,
       sum(s.late_check_ins)::int as late_check_ins,
       sum(s.passed_down)::int as passed_down,
       sum(s.passed_up)::int as passed_up,
       sum(s.late_passes)::int as late_passes,
       sum(s.answered)::int as answered
from (
    -- the request itself, against the unit holding it now
    select q.id as request_id, q.unit_id, 1 as filed, 0 as dispatched, 0 as responded_on_time,
           0 as respond_overdue, 0 as resolve_overdue, 0 as rated, 0 as resolved, 0 as satisfied,
           (q.status = 'closed' and not exists(
                select 1 from ratings g where g.request_id = q.id and g.round = q.round))::int
               as unrated,
           0 as reopened, 0 as returned, 0 as whistles, 0 as late_check_ins, 0 as passed_down,
           0 as passed_up, 0 as late_passes, 0 as answered
    from requests q
    union all
    -- its dispatch and answer, against the unit answerable for the response (never the
    -- hotline centre: what it answers at intake is not dispatched)
    select q.id, a.unit_id, 0, 1, a.on_time::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    from requests q
    cross join lateral (
        select coalesce(
                   (select e.unit_id from request_events e
                    where e.request_id = q.id and e.kind = 'responded' order by e.id limit 1),
                   (select e.unit_id from request_events e
                    where e.request_id = q.id and e.kind = 'respond_overdue' order by e.id limit 1),
                   q.unit_id) as unit_id,
               exists(select 1 from request_events e
                      where e.request_id = q.id and e.kind = 'responded'
                        and e.created_at <= q.respond_by) as on_time
    ) a
    where a.unit_id is not null
      and a.unit_id not in (select h.id from units h where h.kind = 'hotline_centre')
    union all
    -- the current round's rating, against the unit that resolved the round
    select g.request_id, g.unit_id, 0, 0, 0, 0, 0, 1,
           (g.outcome = 'resolved')::int, (g.satisfaction >= 4)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0
    from ratings g join requests q on q.id = g.request_id and g.round = q.round
    union all
    -- counted events, each against the unit it names
    select e.request_id, e.unit_id, 0, 0, 0,
           (e.kind = 'respond_overdue')::int, (e.kind = 'resolve_overdue')::int, 0, 0, 0, 0,
           (e.kind = 'reopened')::int, (e.kind = 'returned')::int, 0,
           (e.kind = 'check_in_overdue')::int, (e.kind = 'passed_down')::int,
           (e.kind = 'passed_up')::int, (e.kind = 'pass_overdue')::int, 0
    from request_events e
    where e.kind in ('respond_overdue', 'resolve_overdue', 'reopened', 'returned',
                     'check_in_overdue', 'passed_down', 'passed_up', 'pass_overdue')
    union all
    -- whistles (吹哨), one per summoned unit, against the unit that blew it
    select m.request_id, m.summoned_by_unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0
    from summons m
    union all
    -- answered at intake (直接答复), once per request, against the unit of its first answer
    select a.request_id, a.unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
    from (select distinct on (e.request_id) e.request_id, e.unit_id
          from request_events e where e.kind = 'answered'
          order by e.request_id, e.id) a
) s
join requests r on r.id = s.request_id
group by s.request_id, s.unit_id, r.created_at, r.category_id, r.community_id, r.street_id,
         r.district_id;

create or replace view measures_expected as
select t.month, s.scope, s.scope_id, s.category_id,
       sum(t.filed)::int as filed,
       sum(t.dispatched)::int as dispatched,
       sum(t.responded_on_time)::int as responded_on_time,
       sum(t.respond_overdue)::int as respond_overdue,
       sum(t.resolve_overdue)::int as resolve_overdue,
       sum(t.rated)::int as rated,
       sum(t.resolved)::int as resolved,
       sum(t.satisfied)::int as satisfied,
       sum(t.unrated)::int as unrated,
       sum(t.reopened)::int as reopened,
       sum(t.returned)::int as returned,
       sum(t.whistles)::int as whistles,
       sum(t.late_check_ins)::int as late_check_ins,
       sum(t.passed_down)::int as passed_down,
       sum(t.passed_up)::int as passed_up,
       sum(t.late_passes)::int as late_passes,
       sum(t.answered)::int as answered
from measures_truth t
cross join lateral measure_scopes(t.district_id, t.street_id, t.community_id, t.unit_id,
                                  t.category_id) s
group by t.month, s.scope, s.scope_id, s.category_id;

-- What they hold: the rollups with the deltas not folded yet.
create or replace view measures_kept as
select k.month, k.scope, k.scope_id, k.category_id,
       sum(k.filed)::int as filed,
       sum(k.dispatched)::int as dispatched,
       sum(k.responded_on_time)::int as responded_on_time,
       sum(k.respond_overdue)::int as respond_overdue,
       sum(k.resolve_overdue)::int as resolve_overdue,
       sum(k.rated)::int as rated,
       sum(k.resolved)::int as resolved,
       sum(k.satisfied)::int as satisfied,
       sum(k.unrated)::int as unrated,
       sum(k.reopened)::int as reopened,
       sum(k.returned)::int as returned,
       sum(k.whistles)::int as whistles,
       sum(k.late_check_ins)::int as late_check_ins,
       sum(k.passed_down)::int as passed_down,
       sum(k.passed_up)::int as passed_up,
       sum(k.late_passes)::int as late_passes,
       sum(k.answered)::int as answered
from (
    select month, scope, scope_id, category_id, filed, dispatched, responded_on_time,
           respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened,
           returned, whistles, late_check_ins, passed_down, passed_up, late_passes, answered
    from measures
    union all
    select d.month, s.scope, s.scope_id, s.category_id, d.filed, d.dispatched,
           d.responded_on_time, d.respond_overdue, d.resolve_overdue, d.rated, d.resolved,
           d.satisfied, d.unrated, d.reopened, d.returned, d.whistles, d.late_check_ins,
           d.passed_down, d.passed_up, d.late_passes, d.answered
    from measure_deltas d
    cross join lateral measure_scopes(d.district_id, d.street_id, d.community_id, d.unit_id,
                                      d.category_id) s
) k
group by k.month, k.scope, k.scope_id, k.category_id;

-- A counted row's seventeen counts as one array, in this order: filed, dispatched,
-- responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated,
-- reopened, returned, whistles, late_check_ins, passed_down, passed_up, late_passes, answered
-- (`db::measures::COUNTS`); `x.counts` reads it.
create or replace function counts(x measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered]::bigint[]
$$;
create or replace function counts(x measures_expected) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered]::bigint[]
$$;
create or replace function counts(x measures_kept) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered]::bigint[]
$$;
create or replace function counts(x measures_truth) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered]::bigint[]
$$;
create or replace function counts(x request_measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered]::bigint[]
$$;

-- Recounts requests `ids` (as before, with `answered`).
create or replace function recount_measures(ids bigint[]) returns void language plpgsql as $$
begin
    perform 1 from requests where id = any(ids) order by id for update;
    with fresh as materialized (
        select * from measures_truth where request_id = any(ids)
    ),
    old as (
        select * from request_measures where request_id = any(ids)
    ),
    gone as (
        delete from request_measures m
        where m.request_id = any(ids)
          and not exists(select 1 from fresh f
                         where f.request_id = m.request_id and f.unit_id is not distinct from m.unit_id)
    ),
    kept as (
        insert into request_measures select * from fresh
        on conflict on constraint request_measures_request_unit_key do update
            set month = excluded.month,
                category_id = excluded.category_id,
                community_id = excluded.community_id,
                street_id = excluded.street_id,
                district_id = excluded.district_id,
                filed = excluded.filed,
                dispatched = excluded.dispatched,
                responded_on_time = excluded.responded_on_time,
                respond_overdue = excluded.respond_overdue,
                resolve_overdue = excluded.resolve_overdue,
                rated = excluded.rated,
                resolved = excluded.resolved,
                satisfied = excluded.satisfied,
                unrated = excluded.unrated,
                reopened = excluded.reopened,
                returned = excluded.returned,
                whistles = excluded.whistles,
                late_check_ins = excluded.late_check_ins,
                passed_down = excluded.passed_down,
                passed_up = excluded.passed_up,
                late_passes = excluded.late_passes,
                answered = excluded.answered
            where (request_measures.*) is distinct from (excluded.*)
    ),
    diff as (
        select month, category_id, community_id, street_id, district_id, unit_id,
               sum(filed) as filed, sum(dispatched) as dispatched,
               sum(responded_on_time) as responded_on_time, sum(respond_overdue) as respond_overdue,
               sum(resolve_overdue) as resolve_overdue, sum(rated) as rated,
               sum(resolved) as resolved, sum(satisfied) as satisfied, sum(unrated) as unrated,
               sum(reopened) as reopened, sum(returned) as returned, sum(whistles) as whistles,
               sum(late_check_ins) as late_check_ins, sum(passed_down) as passed_down,
               sum(passed_up) as passed_up, sum(late_passes) as late_passes,
               sum(answered) as answered
        from (
            select month, category_id, community_id, street_id, district_id, unit_id, filed,
                   dispatched, responded_on_time, respond_overdue, resolve_overdue, rated,
                   resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins,
                   passed_down, passed_up, late_passes, answered
            from fresh
            union all
            select month, category_id, community_id, street_id, district_id, unit_id, -filed,
                   -dispatched, -responded_on_time, -respond_overdue, -resolve_overdue, -rated,
                   -resolved, -satisfied, -unrated, -reopened, -returned, -whistles,
                   -late_check_ins, -passed_down, -passed_up, -late_passes, -answered
            from old
        ) both_ways
        group by month, category_id, community_id, street_id, district_id, unit_id
    )
    insert into measure_deltas (month, category_id, community_id, street_id, district_id,
                                unit_id, filed, dispatched, responded_on_time, respond_overdue,
                                resolve_overdue, rated, resolved, satisfied, unrated, reopened,
                                returned, whistles, late_check_ins, passed_down, passed_up,
                                late_passes, answered)
    select * from diff
    where (filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated,
           resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins,
           passed_down, passed_up, late_passes, answered)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
end
$$;
