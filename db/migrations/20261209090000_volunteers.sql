-- Volunteers and party members (issue 21): the people who serve a community, and the duty
-- rosters they keep.
--
-- One row per role a resident takes on in a community:
-- * steward (小巷管家): appointed by the community's staff for a patch (a few buildings or a
--   lane) from a start date; active at once; the staff may end it;
-- * volunteer: a resident asks to join the community's volunteer team; its staff confirm;
-- * party_member (双报到): a working party member reports to their home community, naming
--   their employer's party organisation; its staff confirm.
create table volunteers (
    id bigint generated always as identity primary key,
    resident_id bigint not null references users (id),
    community_id bigint not null references areas (id),
    kind text not null,
    status text not null,
    -- a steward's patch and first day
    patch text,
    starts_on date,
    -- a party member's employer's party organisation
    organisation text,
    -- a decline's or an ending's reason
    reason text,
    created_at timestamptz not null default now(),
    decided_by bigint references users (id),
    decided_at timestamptz,
    constraint volunteers_kind_check check (kind in ('steward', 'volunteer', 'party_member')),
    constraint volunteers_status_check check (status in ('pending', 'active', 'declined', 'ended')),
    constraint volunteers_steward_check
        check ((kind = 'steward') = (patch is not null and starts_on is not null)),
    constraint volunteers_steward_active_check
        check (kind <> 'steward' or status in ('active', 'ended')),
    constraint volunteers_party_check
        check ((kind = 'party_member') = (organisation is not null)),
    constraint volunteers_reason_check
        check ((status = 'declined') <= (reason is not null)),
    constraint volunteers_decided_check
        check ((status = 'pending') = (decided_at is null))
);
-- One live (pending or active) role of each kind per resident.
create unique index volunteers_live_idx on volunteers (resident_id, kind)
    where status in ('pending', 'active');
create index volunteers_community_idx on volunteers (community_id, status);

-- A duty roster (值守排班): a recurring shift at one place, on some weekdays, from a first to a
-- last day, each shift needing `places` people. Its shifts are written when it is created.
create table rosters (
    id bigint generated always as identity primary key,
    community_id bigint not null references areas (id),
    title text not null,
    place text not null,
    -- ISO weekdays (1 Monday .. 7 Sunday)
    weekdays smallint[] not null,
    starts time not null,
    ends time not null,
    places int not null,
    first_day date not null,
    last_day date not null,
    created_by bigint not null references users (id),
    created_at timestamptz not null default now(),
    constraint rosters_times_check check (starts < ends),
    constraint rosters_places_check check (places between 1 and 100),
    constraint rosters_days_check check (first_day <= last_day and last_day - first_day < 92),
    constraint rosters_weekdays_check
        check (cardinality(weekdays) between 1 and 7 and weekdays <@ '{1,2,3,4,5,6,7}'::smallint[])
);
create index rosters_community_idx on rosters (community_id, last_day);

-- One shift of a roster. `taken` counts its live sign-ups; the check holds the capacity under
-- any number of sign-ups at once (each takes the row's lock to add itself).
create table shifts (
    id bigint generated always as identity primary key,
    roster_id bigint not null references rosters (id),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    places int not null,
    taken int not null default 0,
    -- when its community's staff were told it was short
    short_told_at timestamptz,
    constraint shifts_taken_check check (taken between 0 and places),
    constraint shifts_times_check check (starts_at < ends_at),
    unique (roster_id, starts_at)
);
create index shifts_starts_idx on shifts (starts_at);

-- Who signed up for a shift. A cancelled sign-up frees its place. On site they check in and
-- out; the minutes served are those between, within the shift. Once the shift is over, one
-- who never checked in is a no-show, and one who never checked out is out at its end.
create table shift_signups (
    id bigint generated always as identity primary key,
    shift_id bigint not null references shifts (id),
    resident_id bigint not null references users (id),
    status text not null default 'signed',
    checked_in_at timestamptz,
    checked_out_at timestamptz,
    -- when they were reminded of it
    reminded_at timestamptz,
    created_at timestamptz not null default now(),
    constraint shift_signups_status_check check (status in ('signed', 'cancelled', 'no_show')),
    constraint shift_signups_out_check check (checked_out_at is null or checked_in_at is not null),
    constraint shift_signups_no_show_check check (status <> 'no_show' or checked_in_at is null)
);
create unique index shift_signups_live_idx on shift_signups (shift_id, resident_id)
    where status = 'signed';
create index shift_signups_resident_idx on shift_signups (resident_id, shift_id);
create index shift_signups_remind_idx on shift_signups (shift_id)
    where status = 'signed' and reminded_at is null;
create index shifts_short_idx on shifts (starts_at) where short_told_at is null;

-- The cases a steward reported from their patch: found on patrol, recorded for their
-- community's committee, the steward told of each step as its recorder.
create table steward_cases (
    request_id bigint primary key references requests (id),
    steward_id bigint not null references volunteers (id)
);
create index steward_cases_steward_idx on steward_cases (steward_id);

-- What leaders see, per community and month (Beijing), counted as it happens, never on a page
-- view: shifts over (each once, when the worker closes it), those covered (every place
-- attended), minutes served within them, no-shows; cases stewards reported (in the month filed)
-- and those settled (closed by their street office).
create table service_months (
    community_id bigint not null references areas (id),
    month date not null,
    shifts int not null default 0,
    covered int not null default 0,
    minutes bigint not null default 0,
    no_shows int not null default 0,
    steward_cases int not null default 0,
    steward_cases_settled int not null default 0,
    primary key (community_id, month)
);

-- When the worker closed a shift (its sign-ups settled, its figures counted).
alter table shifts add column closed_at timestamptz;
create index shifts_open_idx on shifts (ends_at) where closed_at is null;

-- Who serves each community now: active roles by kind, kept by the roles' own changes.
create table service_people (
    community_id bigint not null references areas (id),
    kind text not null,
    active int not null default 0,
    primary key (community_id, kind),
    constraint service_people_active_check check (active >= 0)
);

create function count_service_people() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.status = 'active' and new.status <> 'active' then
        update service_people set active = active - 1
        where community_id = old.community_id and kind = old.kind;
    elsif new.status = 'active' and (tg_op = 'INSERT' or old.status <> 'active') then
        insert into service_people (community_id, kind, active)
        values (new.community_id, new.kind, 1)
        on conflict (community_id, kind) do update set active = service_people.active + 1;
    end if;
    return null;
end;
$$;

create trigger volunteers_count_people after insert or update of status on volunteers
    for each row execute function count_service_people();

-- A steward's case counts in the month it was filed; settled once its street office closes it.
create function count_steward_case(request_id bigint, reported int, settled int)
returns void language sql as $$
    insert into service_months (community_id, month, steward_cases, steward_cases_settled)
    select r.community_id, date_trunc('month', r.created_at at time zone 'Asia/Shanghai')::date,
           reported, settled
    from requests r where r.id = request_id
    on conflict (community_id, month) do update
        set steward_cases = service_months.steward_cases + excluded.steward_cases,
            steward_cases_settled =
                service_months.steward_cases_settled + excluded.steward_cases_settled;
$$;

create function count_steward_case_reported() returns trigger language plpgsql as $$
begin
    perform count_steward_case(new.request_id, 1, 0);
    return null;
end;
$$;

create function count_steward_case_settled() returns trigger language plpgsql as $$
begin
    if exists (select 1 from steward_cases s where s.request_id = new.id) then
        perform count_steward_case(new.id, 0, 1);
    end if;
    return null;
end;
$$;

create trigger steward_cases_count after insert on steward_cases
    for each row execute function count_steward_case_reported();
create trigger requests_count_steward_settled after update of status on requests
    for each row when (new.status = 'closed' and old.status <> 'closed' and new.source = 'patrol')
    execute function count_steward_case_settled();

-- Moving home ends the roles served in the old community, whichever path changes the home (as
-- it drops a residence verification).
create function end_roles_on_move() returns trigger language plpgsql as $$
begin
    update volunteers
    set status = 'ended', decided_at = now()
    where resident_id = new.id and status in ('pending', 'active')
      and community_id is distinct from new.home_community_id;
    return null;
end;
$$;

create trigger users_end_roles_on_move
    after update of home_community_id on users
    for each row when (old.home_community_id is distinct from new.home_community_id)
    execute function end_roles_on_move();

-- Whoever stops serving a community (ended by its staff, moved away) gives back the places they
-- took in its shifts still to come, unless they serve it in another role.
create function release_shifts() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from volunteers v
                   where v.resident_id = new.resident_id and v.community_id = new.community_id
                     and v.status = 'active') then
        with released as (
            update shift_signups g set status = 'cancelled'
            from shifts s join rosters r on r.id = s.roster_id
            where g.shift_id = s.id and g.resident_id = new.resident_id and g.status = 'signed'
              and r.community_id = new.community_id and s.starts_at > now()
            returning g.shift_id)
        update shifts s set taken = s.taken - n.released
        from (select shift_id, count(*) as released from released group by shift_id) n
        where s.id = n.shift_id;
    end if;
    return null;
end;
$$;

create trigger volunteers_release_shifts after update of status on volunteers
    for each row when (old.status = 'active' and new.status <> 'active')
    execute function release_shifts();

-- A steward must be verified in their community: a verification revoked (or dropped) ends the
-- appointment.
create function end_steward_unverified() returns trigger language plpgsql as $$
begin
    update volunteers set status = 'ended', decided_at = now()
    where resident_id = new.resident_id and community_id = new.community_id
      and kind = 'steward' and status = 'active';
    return null;
end;
$$;

create trigger residence_verifications_end_steward after update of status on residence_verifications
    for each row when (old.status = 'approved' and new.status <> 'approved')
    execute function end_steward_unverified();
