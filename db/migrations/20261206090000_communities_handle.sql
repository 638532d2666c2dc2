-- The grassroots tier: every community (社区 / 村) has its committee (居委会 / 村委会) as a
-- handling unit, staffed by the community's area staff. A street office passes a request down
-- to one of its communities (下派); a community passes it back up with a reason (上报). Each
-- pass is an event and a row here with its own deadline: the receiving unit must take it
-- (accept it, or pass it on) by `answer_by`.

alter table units drop constraint units_kind_check,
    add constraint units_kind_check check (
        kind in ('hotline_centre', 'department', 'district', 'street', 'utility', 'community'));
-- One committee per community.
create unique index units_community_idx on units (area_id) where kind = 'community';

-- A community's committee: created with the community, by whatever path the area comes in.
create function add_community_units() returns trigger language plpgsql as $$
begin
    insert into units (code, kind, name_zh, name_en, area_id)
    select 'community:' || a.code, 'community',
           a.name_zh || case when a.name_zh like '%村' then '村民委员会' else '居民委员会' end,
           a.name_en || case when a.name_zh like '%村' then ' Villagers'' Committee'
                             else ' Residents'' Committee' end,
           a.id
    from added a where a.level = 'community'
    on conflict do nothing;
    return null;
end
$$;
create trigger areas_add_community_units after insert on areas
    referencing new table as added
    for each statement execute function add_community_units();

-- The communities that exist already.
insert into units (code, kind, name_zh, name_en, area_id)
select 'community:' || a.code, 'community',
       a.name_zh || case when a.name_zh like '%村' then '村民委员会' else '居民委员会' end,
       a.name_en || case when a.name_zh like '%村' then ' Villagers'' Committee'
                         else ' Residents'' Committee' end,
       a.id
from areas a where a.level = 'community'
on conflict do nothing;

-- Who acts for a unit: its handlers, and for a community's committee the area staff of that
-- community. Notifications to "a unit" go to these.
create view unit_staff as
select u.id as user_id, u.unit_id
from users u where u.role = 'handler' and u.password_hash is not null
union all
select u.id, c.id
from users u join units c on c.kind = 'community' and c.area_id = u.scope_area_id
where u.role = 'area_staff' and u.password_hash is not null;

-- A routing rule may send a category to the committee of the request's own community.
alter table routing_rules alter column unit_id drop not null,
    add column to_community boolean not null default false,
    add constraint routing_rules_target_check check ((unit_id is null) = to_community);

-- 下派 / 上报.
create table passes (
    id bigint generated always as identity primary key,
    request_id bigint not null references requests (id),
    direction text not null,
    from_unit_id bigint not null references units (id),
    to_unit_id bigint not null references units (id),
    passed_by bigint not null references users (id),
    -- required going up (why it is beyond the community), optional going down
    reason text not null default '',
    answer_by timestamptz not null,
    answered_at timestamptz,
    -- set once by the worker when answer_by passes unanswered
    overdue boolean not null default false,
    created_at timestamptz not null default now(),
    constraint passes_direction_check check (direction in ('down', 'up')),
    constraint passes_units_check check (from_unit_id <> to_unit_id),
    constraint passes_reason_check check (
        char_length(reason) <= 2000 and (direction = 'down' or char_length(reason) >= 1))
);
create index passes_request_idx on passes (request_id, id);
-- A request has at most one pass waiting to be taken.
create unique index passes_waiting_idx on passes (request_id) where answered_at is null;
-- The worker's overdue passes.
create index passes_due_idx on passes (answer_by) where answered_at is null and not overdue;

-- The measures gain the community as a scope and three counts: passes down (against the
-- street office that passed it), passes up (against the community that passed it) and late
-- passes (against the unit that did not take a pass by its deadline). The response now counts
-- against the unit that first answered the resident, or, unanswered, against the unit holding
-- the request when its respond-by passed, or else against the unit holding it now: passing a
-- request on does not move a response already given or missed. Everything below is the
-- measures migration (20261127120000) again with those changes; the rollups are rebuilt from
-- the log at the end.

drop trigger request_events_recount on request_events;
drop function request_events_recount();
drop function recount_measures(bigint[]);
drop function counts(measures);
drop function counts(measures_expected);
drop function counts(measures_kept);
drop function counts(measures_truth);
drop function counts(request_measures);
drop view measures_kept;
drop view measures_expected;
drop function measure_scopes(bigint, bigint, bigint, bigint);
drop view measures_truth;
drop table measures;
drop table measure_deltas;
drop table request_measures;

create view measures_truth as
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
       sum(s.late_passes)::int as late_passes
from (
    -- the request itself, against the unit holding it now
    select q.id as request_id, q.unit_id, 1 as filed, 0 as dispatched, 0 as responded_on_time,
           0 as respond_overdue, 0 as resolve_overdue, 0 as rated, 0 as resolved, 0 as satisfied,
           (q.status = 'closed' and not exists(
                select 1 from ratings g where g.request_id = q.id and g.round = q.round))::int
               as unrated,
           0 as reopened, 0 as returned, 0 as whistles, 0 as late_check_ins, 0 as passed_down,
           0 as passed_up, 0 as late_passes
    from requests q
    union all
    -- its dispatch and answer, against the unit answerable for the response
    select q.id, a.unit_id, 0, 1, a.on_time::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
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
    union all
    -- the current round's rating, against the unit that resolved the round
    select g.request_id, g.unit_id, 0, 0, 0, 0, 0, 1,
           (g.outcome = 'resolved')::int, (g.satisfaction >= 4)::int, 0, 0, 0, 0, 0, 0, 0, 0
    from ratings g join requests q on q.id = g.request_id and g.round = q.round
    union all
    -- counted events, each against the unit it names
    select e.request_id, e.unit_id, 0, 0, 0,
           (e.kind = 'respond_overdue')::int, (e.kind = 'resolve_overdue')::int, 0, 0, 0, 0,
           (e.kind = 'reopened')::int, (e.kind = 'returned')::int, 0,
           (e.kind = 'check_in_overdue')::int, (e.kind = 'passed_down')::int,
           (e.kind = 'passed_up')::int, (e.kind = 'pass_overdue')::int
    from request_events e
    where e.kind in ('respond_overdue', 'resolve_overdue', 'reopened', 'returned',
                     'check_in_overdue', 'passed_down', 'passed_up', 'pass_overdue')
    union all
    -- whistles (吹哨), one per summoned unit, against the unit that blew it
    select m.request_id, m.summoned_by_unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
    from summons m
) s
join requests r on r.id = s.request_id
group by s.request_id, s.unit_id, r.created_at, r.category_id, r.community_id, r.street_id,
         r.district_id;

-- Each request's contribution as last counted.
create table request_measures (
    request_id bigint not null references requests (id),
    unit_id bigint references units (id),
    month date not null,
    category_id bigint not null,
    community_id bigint not null,
    street_id bigint not null,
    district_id bigint not null,
    filed integer not null,
    dispatched integer not null,
    responded_on_time integer not null,
    respond_overdue integer not null,
    resolve_overdue integer not null,
    rated integer not null,
    resolved integer not null,
    satisfied integer not null,
    unrated integer not null,
    reopened integer not null,
    returned integer not null,
    whistles integer not null,
    late_check_ins integer not null,
    passed_down integer not null,
    passed_up integer not null,
    late_passes integer not null,
    constraint request_measures_request_unit_key unique nulls not distinct (request_id, unit_id)
);

-- Changes not yet folded into `measures`.
create table measure_deltas (
    id bigint generated always as identity primary key,
    month date not null,
    category_id bigint not null,
    community_id bigint not null,
    street_id bigint not null,
    district_id bigint not null,
    unit_id bigint,
    filed integer not null,
    dispatched integer not null,
    responded_on_time integer not null,
    respond_overdue integer not null,
    resolve_overdue integer not null,
    rated integer not null,
    resolved integer not null,
    satisfied integer not null,
    unrated integer not null,
    reopened integer not null,
    returned integer not null,
    whistles integer not null,
    late_check_ins integer not null,
    passed_down integer not null,
    passed_up integer not null,
    late_passes integer not null
);

-- The rollups. scope: 'city' (scope_id 0), 'district', 'street', 'community' or 'unit'
-- (scope_id is the area's or unit's id); category_id 0 is every category.
create table measures (
    month date not null,
    scope text not null,
    scope_id bigint not null,
    category_id bigint not null,
    filed integer not null default 0,
    dispatched integer not null default 0,
    responded_on_time integer not null default 0,
    respond_overdue integer not null default 0,
    resolve_overdue integer not null default 0,
    rated integer not null default 0,
    resolved integer not null default 0,
    satisfied integer not null default 0,
    unrated integer not null default 0,
    reopened integer not null default 0,
    returned integer not null default 0,
    whistles integer not null default 0,
    late_check_ins integer not null default 0,
    passed_down integer not null default 0,
    passed_up integer not null default 0,
    late_passes integer not null default 0,
    constraint measures_pkey primary key (scope, scope_id, category_id, month),
    constraint measures_scope_check check (scope in ('city', 'district', 'street', 'community', 'unit'))
);
-- The ranking and the breakdowns: every scope of one kind in one month.
create index measures_month_idx on measures (scope, month, category_id);

-- The rollup rows one counted row goes to: the city, its district, street and community, and
-- its unit (when it has one), each for every category (0) and for its own.
create function measure_scopes(district_id bigint, street_id bigint, community_id bigint,
                               unit_id bigint, category_id bigint)
returns table (scope text, scope_id bigint, category_id bigint)
language sql immutable as $$
    select s.scope, s.scope_id, c.category_id
    from (values ('city', 0::bigint), ('district', district_id), ('street', street_id),
                 ('community', community_id), ('unit', unit_id)) s (scope, scope_id)
    cross join (values (0::bigint), (category_id)) c (category_id)
    where s.scope_id is not null
$$;

-- What the rollups should hold: every request's contribution now, summed into its scopes.
create view measures_expected as
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
       sum(t.late_passes)::int as late_passes
from measures_truth t
cross join lateral measure_scopes(t.district_id, t.street_id, t.community_id, t.unit_id,
                                  t.category_id) s
group by t.month, s.scope, s.scope_id, s.category_id;

-- What they hold: the rollups with the deltas not folded yet.
create view measures_kept as
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
       sum(k.late_passes)::int as late_passes
from (
    select month, scope, scope_id, category_id, filed, dispatched, responded_on_time,
           respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened,
           returned, whistles, late_check_ins, passed_down, passed_up, late_passes
    from measures
    union all
    select d.month, s.scope, s.scope_id, s.category_id, d.filed, d.dispatched,
           d.responded_on_time, d.respond_overdue, d.resolve_overdue, d.rated, d.resolved,
           d.satisfied, d.unrated, d.reopened, d.returned, d.whistles, d.late_check_ins,
           d.passed_down, d.passed_up, d.late_passes
    from measure_deltas d
    cross join lateral measure_scopes(d.district_id, d.street_id, d.community_id, d.unit_id,
                                      d.category_id) s
) k
group by k.month, k.scope, k.scope_id, k.category_id;

-- A counted row's sixteen counts as one array, in this order: filed, dispatched,
-- responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated,
-- reopened, returned, whistles, late_check_ins, passed_down, passed_up, late_passes
-- (`db::measures::COUNTS`); `x.counts` reads it.
create function counts(x measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes]::bigint[]
$$;
create function counts(x measures_expected) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes]::bigint[]
$$;
create function counts(x measures_kept) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes]::bigint[]
$$;
create function counts(x measures_truth) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes]::bigint[]
$$;
create function counts(x request_measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes]::bigint[]
$$;

-- Recounts requests `ids`: their contribution now, less what was last counted, goes to the
-- deltas, and the new contribution is kept. The requests are locked first (in id order), so
-- two transactions never recount one request at once.
create function recount_measures(ids bigint[]) returns void language plpgsql as $$
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
                late_passes = excluded.late_passes
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
               sum(passed_up) as passed_up, sum(late_passes) as late_passes
        from (
            select month, category_id, community_id, street_id, district_id, unit_id, filed,
                   dispatched, responded_on_time, respond_overdue, resolve_overdue, rated,
                   resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins,
                   passed_down, passed_up, late_passes
            from fresh
            union all
            select month, category_id, community_id, street_id, district_id, unit_id, -filed,
                   -dispatched, -responded_on_time, -respond_overdue, -resolve_overdue, -rated,
                   -resolved, -satisfied, -unrated, -reopened, -returned, -whistles,
                   -late_check_ins, -passed_down, -passed_up, -late_passes
            from old
        ) both_ways
        group by month, category_id, community_id, street_id, district_id, unit_id
    )
    insert into measure_deltas (month, category_id, community_id, street_id, district_id,
                                unit_id, filed, dispatched, responded_on_time, respond_overdue,
                                resolve_overdue, rated, resolved, satisfied, unrated, reopened,
                                returned, whistles, late_check_ins, passed_down, passed_up,
                                late_passes)
    select * from diff
    where (filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated,
           resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins,
           passed_down, passed_up, late_passes)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
end
$$;

-- Every event appended, by any path (a server function, the worker's batches), recounts its
-- requests in the same transaction.
create function request_events_recount() returns trigger language plpgsql as $$
begin
    perform recount_measures(array(select distinct request_id from appended));
    return null;
end
$$;

create trigger request_events_recount after insert on request_events
    referencing new table as appended
    for each statement execute function request_events_recount();

-- Everything filed so far, counted again under these rules.
insert into request_measures select * from measures_truth;
insert into measures
select r.month, s.scope, s.scope_id, s.category_id, sum(r.filed), sum(r.dispatched),
       sum(r.responded_on_time), sum(r.respond_overdue), sum(r.resolve_overdue), sum(r.rated),
       sum(r.resolved), sum(r.satisfied), sum(r.unrated), sum(r.reopened), sum(r.returned),
       sum(r.whistles), sum(r.late_check_ins), sum(r.passed_down), sum(r.passed_up),
       sum(r.late_passes)
from request_measures r
cross join lateral measure_scopes(r.district_id, r.street_id, r.community_id, r.unit_id,
                                  r.category_id) s
group by r.month, s.scope, s.scope_id, s.category_id;
