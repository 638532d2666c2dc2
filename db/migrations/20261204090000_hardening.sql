-- Hardening (issue 17): accounts an admin took away, what admins did, and the indexes the
-- new throttles count with.

-- A disabled account cannot sign in or reset its password; its sessions end at their next
-- request. The reason is kept beside it (both or neither).
alter table users
    add column disabled_at timestamptz,
    add column disabled_reason text,
    add constraint users_disabled_reason_check
        check ((disabled_at is null) = (disabled_reason is null)
               and char_length(coalesce(disabled_reason, '')) <= 2000);

-- What admins did: roles, disabling, rules, categories, units. Written in the transaction of
-- the change itself, never updated or deleted by the application.
create table admin_audit (
    id bigint generated always as identity primary key,
    admin_id bigint not null references users (id),
    action text not null,
    subject text not null,
    detail text not null default '',
    created_at timestamptz not null default now()
);
create index admin_audit_created_at_idx on admin_audit (created_at desc, id desc);

-- The hourly budget of texts counts every code sent in the last hour.
create index phone_codes_created_at_idx on phone_codes (created_at);

-- Failed sign-ins are counted per client address too.
create index sign_in_failures_client_addr_created_at_idx
    on sign_in_failures (client_addr, created_at);

-- Live results never reveal one ballot: what viewers of an open consultation see is the last
-- tally published, and a new one is published only once enough ballots changed since
-- (JIESU_LIVE_RESULTS_MIN_BALLOTS). Votes are in the order of the consultation's options.
create table published_tallies (
    consultation_id bigint primary key references consultations (id),
    votes bigint[] not null,
    ballots bigint not null,
    eligible bigint not null,
    published_at timestamptz not null default now()
);
