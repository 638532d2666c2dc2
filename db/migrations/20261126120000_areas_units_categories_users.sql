-- The foundation: the area tree, the units that handle requests, the category tree with its
-- deadlines, and user accounts (residents and staff).

create table areas (
    id bigint generated always as identity primary key,
    code text not null,
    parent_id bigint references areas (id),
    level text not null,
    name_zh text not null,
    name_en text not null,
    created_at timestamptz not null default now(),
    constraint areas_code_key unique (code),
    constraint areas_level_check check (level in ('city', 'district', 'street', 'community')),
    -- only the city has no parent
    constraint areas_parent_check check ((level = 'city') = (parent_id is null))
);
create index areas_parent_id_idx on areas (parent_id);

create table units (
    id bigint generated always as identity primary key,
    code text not null,
    kind text not null,
    name_zh text not null,
    name_en text not null,
    -- the area a unit answers for: a street office its street, a department the city
    area_id bigint not null references areas (id),
    created_at timestamptz not null default now(),
    constraint units_code_key unique (code),
    constraint units_kind_check
        check (kind in ('hotline_centre', 'department', 'district', 'street', 'utility'))
);

create table categories (
    id bigint generated always as identity primary key,
    code text not null,
    parent_id bigint references categories (id),
    name_zh text not null,
    name_en text not null,
    respond_hours integer not null,
    resolve_hours integer not null,
    urgent_respond_hours integer not null,
    urgent_resolve_hours integer not null,
    created_at timestamptz not null default now(),
    constraint categories_code_key unique (code),
    constraint categories_hours_check check (
        respond_hours > 0 and resolve_hours >= respond_hours
        and urgent_respond_hours > 0 and urgent_respond_hours <= respond_hours
        and urgent_resolve_hours >= urgent_respond_hours and urgent_resolve_hours <= resolve_hours
    )
);
create index categories_parent_id_idx on categories (parent_id);

create table users (
    id bigint generated always as identity primary key,
    -- null once an account is deleted (its requests stay, de-identified)
    phone text,
    password_hash text,
    display_name text not null,
    role text not null,
    home_community_id bigint references areas (id),
    -- a handler belongs to one unit; area staff are scoped to one area
    unit_id bigint references units (id),
    scope_area_id bigint references areas (id),
    created_at timestamptz not null default now(),
    constraint users_phone_key unique (phone),
    constraint users_role_check
        check (role in ('resident', 'dispatcher', 'handler', 'area_staff', 'admin')),
    constraint users_handler_unit_check check ((role = 'handler') = (unit_id is not null)),
    constraint users_area_staff_scope_check
        check ((role = 'area_staff') = (scope_area_id is not null))
);
