-- Requests (诉求): what residents file, the append-only log of everything that happens to each,
-- their photos, seconds ("me too", 附议), the routing rules that propose a unit, and the daily
-- counters behind tracking numbers. The lifecycle itself is enforced by app's state machine; the
-- database holds the states it may produce.

-- category × area → unit: proposes who should handle a request (the dispatcher confirms). The
-- most specific rule wins: the leaf category before its parent, a community before its street,
-- its district and anywhere (area_id null). Without a rule, the street office of the place.
create table routing_rules (
    id bigint generated always as identity primary key,
    category_id bigint not null references categories (id),
    area_id bigint references areas (id),
    unit_id bigint not null references units (id),
    created_at timestamptz not null default now(),
    constraint routing_rules_category_area_key unique nulls not distinct (category_id, area_id)
);

-- The last tracking number given out on each day (Asia/Shanghai): 20261126-000123.
create table tracking_days (
    day date primary key,
    last_number integer not null,
    constraint tracking_days_last_number_check check (last_number > 0)
);

create table requests (
    id bigint generated always as identity primary key,
    tracking_number text not null,
    resident_id bigint not null references users (id),
    kind text not null,
    category_id bigint not null references categories (id),
    -- the place: a community, with its street and district kept for filters and measures
    community_id bigint not null references areas (id),
    street_id bigint not null references areas (id),
    district_id bigint not null references areas (id),
    address text not null,
    latitude double precision,
    longitude double precision,
    description text not null,
    is_public boolean not null,
    show_name boolean not null,
    urgent boolean not null default false,
    status text not null default 'submitted',
    -- raised by every reopen: a round is one try at resolving it
    round integer not null default 1,
    -- what the routing rules proposed at filing (rule null: the street office fallback)
    proposed_unit_id bigint references units (id),
    routing_rule_id bigint references routing_rules (id),
    -- the unit it is dispatched to
    unit_id bigint references units (id),
    merged_into_id bigint references requests (id),
    seconds integer not null default 0,
    respond_by timestamptz not null,
    resolve_by timestamptz not null,
    -- the form's idempotency key: submitting one form twice files one request
    idempotency_key uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint requests_tracking_number_key unique (tracking_number),
    constraint requests_resident_id_idempotency_key_key unique (resident_id, idempotency_key),
    constraint requests_kind_check check (
        kind in ('inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise')
    ),
    constraint requests_status_check check (
        status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress', 'resolved',
                   'closed', 'withdrawn', 'merged')
    ),
    constraint requests_description_check check (char_length(description) between 10 and 2000),
    constraint requests_address_check check (char_length(address) <= 200),
    constraint requests_position_check check (
        (latitude is null) = (longitude is null)
        and (latitude is null or (latitude between -90 and 90 and longitude between -180 and 180))
    ),
    constraint requests_merged_check check ((status = 'merged') = (merged_into_id is not null)),
    constraint requests_deadlines_check check (respond_by <= resolve_by),
    constraint requests_seconds_check check (seconds >= 0),
    constraint requests_round_check check (round >= 1)
);
create index requests_resident_id_idx on requests (resident_id, id desc);
create index requests_resident_id_created_at_idx on requests (resident_id, created_at);
-- the public list, newest first, whole city or filtered (keyset on id)
create index requests_public_idx on requests (id desc) where is_public;
create index requests_public_district_idx on requests (district_id, id desc) where is_public;
create index requests_public_street_idx on requests (street_id, id desc) where is_public;
create index requests_public_category_idx on requests (category_id, id desc) where is_public;
create index requests_public_status_idx on requests (status, id desc) where is_public;
-- "is it one of these?": open public requests of a category in a community
create index requests_community_category_idx on requests (community_id, category_id, created_at);
create index requests_unit_id_idx on requests (unit_id, status);

-- Everything that happens to a request, appended, never changed: the timeline a resident sees is
-- its public part.
create table request_events (
    id bigint generated always as identity primary key,
    request_id bigint not null references requests (id),
    -- null: the system (a worker)
    actor_id bigint references users (id),
    kind text not null,
    from_status text,
    to_status text,
    note text not null default '',
    is_public boolean not null,
    created_at timestamptz not null default now(),
    constraint request_events_note_check check (char_length(note) <= 2000)
);
create index request_events_request_id_idx on request_events (request_id, id);

-- Photos, re-encoded without EXIF, stored behind the object store under these keys.
create table request_photos (
    id bigint generated always as identity primary key,
    request_id bigint not null references requests (id),
    event_id bigint references request_events (id),
    object_key text not null,
    thumbnail_key text not null,
    content_type text not null,
    width integer not null,
    height integer not null,
    bytes integer not null,
    created_at timestamptz not null default now(),
    constraint request_photos_object_key_key unique (object_key),
    constraint request_photos_size_check check (width > 0 and height > 0 and bytes > 0)
);
create index request_photos_request_id_idx on request_photos (request_id, id);

-- "Me too" (附议): one per resident and request.
create table request_seconds (
    request_id bigint not null references requests (id),
    resident_id bigint not null references users (id),
    created_at timestamptz not null default now(),
    constraint request_seconds_pkey primary key (request_id, resident_id)
);
create index request_seconds_resident_id_idx on request_seconds (resident_id);
