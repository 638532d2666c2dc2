-- Volunteers and party members, the rest (issue 21): communities' needs, organisations that
-- report with what they offer, and the opt-in recognition board.

-- A need (需求清单) is a one-day roster that says what is needed: "help three elderly
-- neighbours carry their groceries, Saturday 09:00–11:00, 2 people". Its one shift is signed
-- up for, reminded of, checked in and out, and its hours counted like any duty shift's; only
-- the duty rosters' shifts count as "shifts covered".
alter table rosters
    add column kind text not null default 'duty',
    add column details text,
    add constraint rosters_kind_check check (kind in ('duty', 'need')),
    add constraint rosters_need_check check ((kind = 'need') = (details is not null)),
    add constraint rosters_need_day_check check (kind <> 'need' or first_day = last_day);

-- An organisation (a legal entity's party organisation) reporting to a community or a street
-- (双报到), through the account of its contact, with what it offers; that area's staff
-- confirm. Its contact answers the community's asks for its resources.
create table organisations (
    id bigint generated always as identity primary key,
    -- the community or street it reports to
    area_id bigint not null references areas (id),
    -- its contact's account, which reported it and answers for it
    reporter_id bigint not null references users (id),
    name text not null,
    contact_name text not null,
    contact_phone text not null,
    status text not null default 'pending',
    reason text,
    created_at timestamptz not null default now(),
    decided_by bigint references users (id),
    decided_at timestamptz,
    constraint organisations_status_check
        check (status in ('pending', 'active', 'declined', 'ended')),
    constraint organisations_reason_check check ((status = 'declined') <= (reason is not null)),
    constraint organisations_decided_check check ((status = 'pending') = (decided_at is null))
);
-- One live report of an organisation (by name) to an area.
create unique index organisations_live_idx on organisations (area_id, name)
    where status in ('pending', 'active');
create index organisations_reporter_idx on organisations (reporter_id);

-- Its resource list (资源清单): at most one line of each kind.
create table organisation_resources (
    id bigint generated always as identity primary key,
    organisation_id bigint not null references organisations (id),
    kind text not null,
    what text not null,
    constraint organisation_resources_kind_check
        check (kind in ('room', 'people', 'skill', 'money')),
    unique (organisation_id, kind)
);

-- A community's (or street's) ask for one of those resources, and the organisation's answer.
create table resource_asks (
    id bigint generated always as identity primary key,
    resource_id bigint not null references organisation_resources (id),
    -- the asking staff's area
    area_id bigint not null references areas (id),
    asked_by bigint not null references users (id),
    what text not null,
    needed_on date not null,
    status text not null default 'asked',
    answer text,
    answered_at timestamptz,
    created_at timestamptz not null default now(),
    constraint resource_asks_status_check check (status in ('asked', 'agreed', 'declined')),
    constraint resource_asks_answered_check check ((status = 'asked') = (answered_at is null))
);
create index resource_asks_resource_idx on resource_asks (resource_id);
create index resource_asks_area_idx on resource_asks (area_id, id);

-- Confirmed organisations count among who serves an area now (kind 'organisation'; the area
-- may be a street).
create function count_service_organisations() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.status = 'active' and new.status <> 'active' then
        update service_people set active = active - 1
        where community_id = old.area_id and kind = 'organisation';
    elsif new.status = 'active' and (tg_op = 'INSERT' or old.status <> 'active') then
        insert into service_people (community_id, kind, active)
        values (new.area_id, 'organisation', 1)
        on conflict (community_id, kind) do update set active = service_people.active + 1;
    end if;
    return null;
end;
$$;

create trigger organisations_count_people after insert or update of status on organisations
    for each row execute function count_service_organisations();

-- The recognition board lists only those who chose to be on it, by their display name.
create table recognition (
    resident_id bigint primary key references users (id),
    since timestamptz not null default now()
);

-- What each person has served in each community, counted when the worker closes a shift:
-- the board's hours, never summed on a page view.
create table service_totals (
    resident_id bigint not null references users (id),
    community_id bigint not null references areas (id),
    shifts int not null default 0,
    minutes bigint not null default 0,
    primary key (community_id, resident_id)
);
