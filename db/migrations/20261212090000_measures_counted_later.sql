-- The measures are counted by the fold, not by the action (issue 22). Until now every event
-- appended recounted its request in the same transaction: `measures_truth` for one request is
-- a union of nine lookups, and planning and running it took 2–3 ms of the 3.7 ms Postgres
-- spent on a filing. Now the event's trigger only notes the request as pending; the worker's
-- fold recounts the pending requests many at a time (one plan for thousands of requests),
-- then folds the deltas as before. The dashboard was already a fold behind the events; it
-- stays a few seconds behind them, no more.
--
-- Pending requests are appended, never updated, so concurrent actions never wait on each
-- other here. No foreign key: every id comes from an event, which has one, and a check per
-- row would cost the filer what this saves.
create table measures_pending (
    id bigint generated always as identity primary key,
    request_id bigint not null
);

drop trigger request_events_recount on request_events;
drop function request_events_recount();

create function request_events_pending() returns trigger language plpgsql as $$
begin
    insert into measures_pending (request_id) select distinct request_id from appended;
    return null;
end
$$;

create trigger request_events_pending after insert on request_events
    referencing new table as appended
    for each statement execute function request_events_pending();

-- Recounts requests `ids` (as before). The requests are no longer locked: only the fold
-- recounts (and `server measures check`, in a transaction it rolls back), and the fold holds
-- `measures_recount_lock()` while it does.
create or replace function recount_measures(ids bigint[]) returns void language plpgsql as $$
#variable_conflict use_column
begin
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

-- One recount at a time, across every server: a transaction lock, held until it commits.
create function measures_recount_lock() returns void language sql as $$
    select pg_advisory_xact_lock(hashtext('jiesu measures recount'));
$$;

-- Recounts up to `batch` pending notes (the oldest first) and drops them; returns how many it
-- took. A request noted while this runs is noted again after it, so nothing is missed: the
-- next fold recounts it (and finds no difference if this one already saw its event).
create function recount_pending(batch integer) returns integer language plpgsql as $$
declare
    ids bigint[];
    taken integer;
begin
    perform measures_recount_lock();
    with notes as (
        delete from measures_pending
        where id in (select id from measures_pending order by id limit batch)
        returning request_id
    )
    select array_agg(distinct request_id), count(*) into ids, taken from notes;
    if taken > 0 then
        perform recount_measures(ids);
    end if;
    return taken;
end
$$;
