-- What a server process keeps in memory (issue 22) learns when it changed.
--
-- The reference data (areas, categories, units) is announced on jiesu_reference, once per
-- statement that changed it: these change rarely (an administrator's edit), so the
-- notification queue's lock held through such a commit costs nothing that matters.
create function announce_reference() returns trigger language plpgsql as $$
begin
    perform pg_notify('jiesu_reference', tg_table_name);
    return null;
end
$$;

create trigger areas_announce after insert or update or delete or truncate on areas
    for each statement execute function announce_reference();
create trigger categories_announce after insert or update or delete or truncate on categories
    for each statement execute function announce_reference();
create trigger units_announce after insert or update or delete or truncate on units
    for each statement execute function announce_reference();

-- The dashboards are read from the rollups, which change when the fold (or a rebuild) writes
-- them, and from what they are named and the streets' ratings of summoned departments. Each
-- of those bumps one number; a process keeps a dashboard read at a generation and serves it
-- while the generation is the same (one small read per view, exact in any process). The fold
-- bumps it only when it folded something, at most once per batch.
create table measures_generation (
    one boolean primary key default true check (one),
    generation bigint not null default 0
);
insert into measures_generation default values;

create function bump_measures_generation() returns trigger language plpgsql as $$
begin
    update measures_generation set generation = generation + 1;
    return null;
end
$$;

create trigger summons_ratings_bump after insert or update or delete on summons_ratings
    for each statement execute function bump_measures_generation();
create trigger areas_bump after insert or update or delete or truncate on areas
    for each statement execute function bump_measures_generation();
create trigger categories_bump after insert or update or delete or truncate on categories
    for each statement execute function bump_measures_generation();
create trigger units_bump after insert or update or delete or truncate on units
    for each statement execute function bump_measures_generation();
create trigger measures_bump after truncate on measures
    for each statement execute function bump_measures_generation();

-- A request's page asks whether it has summons, and reads them, by request.
create index summons_request_idx on summons (request_id, id);
