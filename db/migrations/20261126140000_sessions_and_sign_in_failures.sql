-- Server-side sessions (the layout tower-sessions' PostgresStore reads and writes) and failed
-- sign-ins, kept in the database so that throttling holds across several server processes.

create schema if not exists tower_sessions;

create table tower_sessions.session (
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);
create index session_expiry_date_idx on tower_sessions.session (expiry_date);

create table sign_in_failures (
    id bigint generated always as identity primary key,
    phone text not null,
    client_addr text,
    created_at timestamptz not null default now()
);
create index sign_in_failures_phone_created_at_idx on sign_in_failures (phone, created_at);
