-- The measures (三率) kept as rollups. The event log is the truth; three things are derived
-- from it and kept in step:
--
--   measures_truth     a view: each request's contribution, computed from its log, by unit
--   request_measures   that contribution as last counted, one row per request and unit
--   measure_deltas     what changed, written in the same transaction as the event
--   measures           the rollups pages read: per month, scope (city, district, street,
--                      unit) and category; the worker folds the deltas into them
--
-- An event appended to a request recomputes that request's contribution (a handful of index
-- lookups), writes the difference from the last one as deltas and keeps the new one. Deltas
-- are append-only, so concurrent actions never wait on one rollup row; the worker moves them
-- into `measures` in one statement that deletes what it adds, so each is counted exactly once.
-- `server measures check` recomputes everything from the view and reports any difference.
--
-- Counting rules (DESIGN.md): a request counts in the month it was filed (Asia/Shanghai).
-- Filing, dispatch and the answer count against the unit it is dispatched to now (a return
-- takes it back: it then counts as a return against the unit that returned it). The current
-- round's rating counts against the unit that resolved that round; a reopen puts the round's
-- rating out of the rates and counts against that unit. Overdue marks count against the unit
-- that held the request then; whistles against the unit that blew them; late check-ins
-- against the summoned unit. Closed without a rating is counted as unrated.

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
       sum(s.late_check_ins)::int as late_check_ins
from (
    -- the request itself, against the unit it is dispatched to now
    select q.id as request_id, q.unit_id, 1 as filed,
           (q.unit_id is not null)::int as dispatched,
           (q.unit_id is not null and exists(
                select 1 from request_events e
                where e.request_id = q.id and e.kind = 'responded' and e.created_at <= q.respond_by))::int
               as responded_on_time,
           0 as respond_overdue, 0 as resolve_overdue, 0 as rated, 0 as resolved, 0 as satisfied,
           (q.status = 'closed' and not exists(
                select 1 from ratings g where g.request_id = q.id and g.round = q.round))::int
               as unrated,
           0 as reopened, 0 as returned, 0 as whistles, 0 as late_check_ins
    from requests q
    union all
    -- the current round's rating, against the unit that resolved the round
    select g.request_id, g.unit_id, 0, 0, 0, 0, 0, 1,
           (g.outcome = 'resolved')::int, (g.satisfaction >= 4)::int, 0, 0, 0, 0, 0
    from ratings g join requests q on q.id = g.request_id and g.round = q.round
    union all
    -- counted events, each against the unit it names
    select e.request_id, e.unit_id, 0, 0, 0,
           (e.kind = 'respond_overdue')::int, (e.kind = 'resolve_overdue')::int, 0, 0, 0, 0,
           (e.kind = 'reopened')::int, (e.kind = 'returned')::int, 0,
           (e.kind = 'check_in_overdue')::int
    from request_events e
    where e.kind in ('respond_overdue', 'resolve_overdue', 'reopened', 'returned', 'check_in_overdue')
    union all
    -- whistles (吹哨), one per summoned unit, against the unit that blew it
    select m.request_id, m.summoned_by_unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0
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
    constraint request_measures_request_unit_key unique nulls not distinct (request_id, unit_id)
);

-- Changes not yet folded into `measures`.
create table measure_deltas (
    id bigint generated always as identity primary key,
    month date not null,
    category_id bigint not null,
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
    late_check_ins integer not null
);

-- The rollups. scope: 'city' (scope_id 0), 'district', 'street' or 'unit' (scope_id is the
-- area's or unit's id); category_id 0 is every category.
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
    constraint measures_pkey primary key (scope, scope_id, category_id, month),
    constraint measures_scope_check check (scope in ('city', 'district', 'street', 'unit'))
);
-- The ranking and the breakdowns: every scope of one kind in one month.
create index measures_month_idx on measures (scope, month, category_id);

-- The rollup rows one counted row goes to: the city, its district, its street and its unit
-- (when it has one), each for every category (0) and for its own.
create function measure_scopes(district_id bigint, street_id bigint, unit_id bigint, category_id bigint)
returns table (scope text, scope_id bigint, category_id bigint)
language sql immutable as $$
    select s.scope, s.scope_id, c.category_id
    from (values ('city', 0::bigint), ('district', district_id), ('street', street_id),
                 ('unit', unit_id)) s (scope, scope_id)
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
       sum(t.late_check_ins)::int as late_check_ins
from measures_truth t
cross join lateral measure_scopes(t.district_id, t.street_id, t.unit_id, t.category_id) s
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
       sum(k.late_check_ins)::int as late_check_ins
from (
    select month, scope, scope_id, category_id, filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins
    from measures
    union all
    select d.month, s.scope, s.scope_id, s.category_id, d.filed, d.dispatched, d.responded_on_time, d.respond_overdue, d.resolve_overdue, d.rated, d.resolved, d.satisfied, d.unrated, d.reopened, d.returned, d.whistles, d.late_check_ins
    from measure_deltas d
    cross join lateral measure_scopes(d.district_id, d.street_id, d.unit_id, d.category_id) s
) k
group by k.month, k.scope, k.scope_id, k.category_id;

-- A counted row's thirteen counts as one array, in this order: filed, dispatched,
-- responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied, unrated,
-- reopened, returned, whistles, late_check_ins (`db::measures::COUNTS`); `x.counts` reads it.
create function counts(x measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins]::bigint[]
$$;
create function counts(x measures_expected) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins]::bigint[]
$$;
create function counts(x measures_kept) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins]::bigint[]
$$;
create function counts(x measures_truth) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins]::bigint[]
$$;
create function counts(x request_measures) returns bigint[] language sql immutable as $$
    select array[x.filed, x.dispatched, x.responded_on_time, x.respond_overdue, x.resolve_overdue, x.rated, x.resolved, x.satisfied, x.unrated, x.reopened, x.returned, x.whistles, x.late_check_ins]::bigint[]
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
                   late_check_ins = excluded.late_check_ins
            where (request_measures.*) is distinct from (excluded.*)
    ),
    diff as (
        select month, category_id, street_id, district_id, unit_id,
               sum(filed) as filed, sum(dispatched) as dispatched,
               sum(responded_on_time) as responded_on_time, sum(respond_overdue) as respond_overdue,
               sum(resolve_overdue) as resolve_overdue, sum(rated) as rated,
               sum(resolved) as resolved, sum(satisfied) as satisfied, sum(unrated) as unrated,
               sum(reopened) as reopened, sum(returned) as returned, sum(whistles) as whistles,
               sum(late_check_ins) as late_check_ins
        from (
            select month, category_id, street_id, district_id, unit_id, filed, dispatched,
                   responded_on_time, respond_overdue, resolve_overdue, rated, resolved, satisfied,
                   unrated, reopened, returned, whistles, late_check_ins
            from fresh
            union all
            select month, category_id, street_id, district_id, unit_id, -filed, -dispatched,
                   -responded_on_time, -respond_overdue, -resolve_overdue, -rated, -resolved,
                   -satisfied, -unrated, -reopened, -returned, -whistles, -late_check_ins
            from old
        ) both_ways
        group by month, category_id, street_id, district_id, unit_id
    )
    insert into measure_deltas (month, category_id, street_id, district_id, unit_id, filed,
                                dispatched, responded_on_time, respond_overdue, resolve_overdue,
                                rated, resolved, satisfied, unrated, reopened, returned, whistles,
                                late_check_ins)
    select * from diff
    where (filed, dispatched, responded_on_time, respond_overdue, resolve_overdue, rated,
           resolved, satisfied, unrated, reopened, returned, whistles, late_check_ins)
          <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
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

-- Requests filed before this migration: counted once now (the worker folds them in).
select recount_measures(array(select id from requests));
