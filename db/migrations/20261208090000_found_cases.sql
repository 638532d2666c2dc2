-- Acting before anyone calls (主动治理, 未诉先办): street and community staff record a problem
-- they found themselves (on patrol, from a hot spot, in a consultation, or from a resident's
-- word in person), with photos and a place. It runs through the one lifecycle, held from the
-- start by the unit that found it (in progress: nobody needs to be contacted first): it may
-- settle it itself, pass it between the street and its communities, or blow the whistle on
-- departments. No resident rates it: the street office of its street confirms that it is fixed
-- (closed) or sends it back to be worked on. `resident_id` holds the staff member who recorded
-- it (the one told of its steps).
alter table requests
    add column source text not null default 'resident',
    add column found_by_unit_id bigint references units (id),
    add constraint requests_source_check
        check (source in ('resident', 'patrol', 'hot_spot', 'consultation', 'in_person')),
    add constraint requests_found_check check ((source = 'resident') = (found_by_unit_id is null));
create index requests_found_idx on requests (found_by_unit_id) where found_by_unit_id is not null;

-- The requests a case opened from a hot spot answers: their residents were told.
create table case_links (
    case_id bigint not null references requests (id),
    request_id bigint not null references requests (id),
    primary key (case_id, request_id)
);
create index case_links_request_idx on case_links (request_id);

-- The measures count found cases apart from the three rates (三率), which stay the residents'
-- own: a found case counts in none of filed, dispatched, response, overdue, rating, unrated,
-- reopened, returned or answered. It counts `found` once, against the unit that found it;
-- when the street confirms it, `settled` against the unit that resolved it, and
-- `settled_on_time` when that resolution came before its resolve-by. Whistles, check-ins and
-- passes count for every request, found or filed. No request was found before, so every count
-- kept so far stays right and the new columns start at 0.

alter table request_measures add column found integer not null default 0,
    add column settled integer not null default 0,
    add column settled_on_time integer not null default 0;

alter table measure_deltas add column found integer not null default 0,
    add column settled integer not null default 0,
    add column settled_on_time integer not null default 0;

alter table measures add column found integer not null default 0,
    add column settled integer not null default 0,
    add column settled_on_time integer not null default 0;

create or replace view measures_truth as
select s.request_id, s.unit_id,
       (date_trunc('month', r.created_at at time zone 'Asia/Shanghai'))::date as month,
       r.category_id, r.community_id, r.street_id, r.district_id,
       (sum(s.filed) * (r.source = 'resident')::int)::int as filed,
       (sum(s.dispatched) * (r.source = 'resident')::int)::int as dispatched,
       (sum(s.responded_on_time) * (r.source = 'resident')::int)::int as responded_on_time,
       (sum(s.respond_overdue) * (r.source = 'resident')::int)::int as respond_overdue,
       (sum(s.resolve_overdue) * (r.source = 'resident')::int)::int as resolve_overdue,
       (sum(s.rated) * (r.source = 'resident')::int)::int as rated,
       (sum(s.resolved) * (r.source = 'resident')::int)::int as resolved,
       (sum(s.satisfied) * (r.source = 'resident')::int)::int as satisfied,
       (sum(s.unrated) * (r.source = 'resident')::int)::int as unrated,
       (sum(s.reopened) * (r.source = 'resident')::int)::int as reopened,
       (sum(s.returned) * (r.source = 'resident')::int)::int as returned,
       sum(s.whistles)::int as whistles,
       sum(s.late_check_ins)::int as late_check_ins,
       sum(s.passed_down)::int as passed_down,
       sum(s.passed_up)::int as passed_up,
       sum(s.late_passes)::int as late_passes,
       (sum(s.answered) * (r.source = 'resident')::int)::int as answered,
       sum(s.found)::int as found,
       sum(s.settled)::int as settled,
       sum(s.settled_on_time)::int as settled_on_time
from (
    -- the request itself, against the unit holding it now
    select q.id as request_id, q.unit_id, 1 as filed, 0 as dispatched, 0 as responded_on_time,
           0 as respond_overdue, 0 as resolve_overdue, 0 as rated, 0 as resolved, 0 as satisfied,
           (q.status = 'closed' and not exists(
                select 1 from ratings g where g.request_id = q.id and g.round = q.round))::int
               as unrated,
           0 as reopened, 0 as returned, 0 as whistles, 0 as late_check_ins, 0 as passed_down,
           0 as passed_up, 0 as late_passes, 0 as answered, 0 as found, 0 as settled,
           0 as settled_on_time
    from requests q
    union all
    -- its dispatch and answer, against the unit answerable for the response (never the
    -- hotline centre: what it answers at intake is not dispatched)
    select q.id, a.unit_id, 0, 1, a.on_time::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
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
           (g.outcome = 'resolved')::int, (g.satisfaction >= 4)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    from ratings g join requests q on q.id = g.request_id and g.round = q.round
    union all
    -- counted events, each against the unit it names
    select e.request_id, e.unit_id, 0, 0, 0,
           (e.kind = 'respond_overdue')::int, (e.kind = 'resolve_overdue')::int, 0, 0, 0, 0,
           (e.kind = 'reopened')::int, (e.kind = 'returned')::int, 0,
           (e.kind = 'check_in_overdue')::int, (e.kind = 'passed_down')::int,
           (e.kind = 'passed_up')::int, (e.kind = 'pass_overdue')::int, 0, 0, 0, 0
    from request_events e
    where e.kind in ('respond_overdue', 'resolve_overdue', 'reopened', 'returned',
                     'check_in_overdue', 'passed_down', 'passed_up', 'pass_overdue')
    union all
    -- whistles (吹哨), one per summoned unit, against the unit that blew it
    select m.request_id, m.summoned_by_unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0
    from summons m
    union all
    -- answered at intake (直接答复), once per request, against the unit of its first answer
    select a.request_id, a.unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0
    from (select distinct on (e.request_id) e.request_id, e.unit_id
          from request_events e where e.kind = 'answered'
          order by e.request_id, e.id) a
    union all
    -- found by staff (主动治理), against the unit that found it
    select q.id, q.found_by_unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0
    from requests q where q.found_by_unit_id is not null
    union all
    -- settled: confirmed by the street, against the unit that resolved it (it holds it still)
    select q.id, q.unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (q.resolved_at <= q.resolve_by)::int
    from requests q where q.found_by_unit_id is not null and q.status = 'closed'
) s
join requests r on r.id = s.request_id
group by s.request_id, s.unit_id, r.created_at, r.category_id, r.community_id, r.street_id,
         r.district_id, r.source;

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
       sum(t.answered)::int as answered,
       sum(t.found)::int as found,
       sum(t.settled)::int as settled,
       sum(t.settled_on_time)::int as settled_on_time
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
       sum(k.answered)::int as answered,
       sum(k.found)::int as found,
       sum(k.settled)::int as settled,
       sum(k.settled_on_time)::int as settled_on_time
from (
    select month, scope, scope_id, category_id, filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins, passed_down, passed_up, late_passes, answered, found, settled, settled_on_time
    from measures
    union all
    select d.month, s.scope, s.scope_id, s.category_id, d.filed, d.dispatched, d.responded_on_time, d.respond_overdue, d.resolve_overdue, d.rated, d.resolved, d.satisfied, d.unrated, d.reopened, d.returned, d.whistles, d.late_check_ins, d.passed_down, d.passed_up, d.late_passes, d.answered, d.found, d.settled, d.settled_on_time
    from measure_deltas d
    cross join lateral measure_scopes(d.district_id, d.street_id, d.community_id, d.unit_id,
                                      d.category_id) s
) k
group by k.month, k.scope, k.scope_id, k.category_id;

-- A counted row's twenty counts as one array, in this order: filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins, passed_down, passed_up, late_passes, answered, found, settled, settled_on_time
-- (`db::measures::COUNTS`); `x.counts` reads it.

create or replace function counts(x measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered, x.found, x.settled, x.settled_on_time]::bigint[]
$$;

create or replace function counts(x measures_expected) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered, x.found, x.settled, x.settled_on_time]::bigint[]
$$;

create or replace function counts(x measures_kept) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered, x.found, x.settled, x.settled_on_time]::bigint[]
$$;

create or replace function counts(x measures_truth) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered, x.found, x.settled, x.settled_on_time]::bigint[]
$$;

create or replace function counts(x request_measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins, x.passed_down, x.passed_up, x.late_passes, x.answered, x.found, x.settled, x.settled_on_time]::bigint[]
$$;

-- Recounts requests `ids` (as before, with the found cases' counts). The count `found` shares
-- its name with PL/pgSQL's own `found` variable: here it always means the column.
create or replace function recount_measures(ids bigint[]) returns void language plpgsql as $$
#variable_conflict use_column
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
                answered = excluded.answered,
                found = excluded.found,
                settled = excluded.settled,
                settled_on_time = excluded.settled_on_time
            where (request_measures.*) is distinct from (excluded.*)
    ),
    diff as (
        select month, category_id, community_id, street_id, district_id, unit_id,
               sum(filed) as filed, sum(dispatched) as dispatched, sum(responded_on_time) as responded_on_time, sum(respond_overdue) as respond_overdue, sum(resolve_overdue) as resolve_overdue, sum(rated) as rated, sum(resolved) as resolved, sum(satisfied) as satisfied, sum(unrated) as unrated, sum(reopened) as reopened, sum(returned) as returned, sum(whistles) as whistles, sum(late_check_ins) as late_check_ins, sum(passed_down) as passed_down, sum(passed_up) as passed_up, sum(late_passes) as late_passes, sum(answered) as answered, sum(found) as found, sum(settled) as settled, sum(settled_on_time) as settled_on_time
        from (
            select month, category_id, community_id, street_id, district_id, unit_id, filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins, passed_down, passed_up, late_passes, answered, found, settled, settled_on_time
            from fresh
            union all
            select month, category_id, community_id, street_id, district_id, unit_id, -filed, -dispatched, -responded_on_time, -respond_overdue, -resolve_overdue, -rated, -resolved, -satisfied, -unrated, -reopened, -returned, -whistles, -late_check_ins, -passed_down, -passed_up, -late_passes, -answered, -found, -settled, -settled_on_time
            from old
        ) both_ways
        group by month, category_id, community_id, street_id, district_id, unit_id
    )
    insert into measure_deltas (month, category_id, community_id, street_id, district_id,
                                unit_id, filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins, passed_down, passed_up, late_passes, answered, found, settled, settled_on_time)
    select * from diff
    where (filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins, passed_down, passed_up, late_passes, answered, found, settled, settled_on_time)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
end
$$;
