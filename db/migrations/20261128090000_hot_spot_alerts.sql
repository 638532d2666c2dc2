-- Hot-spot alerts (未诉先办): when N or more open requests of one category in one community
-- were filed within the last days, the dispatchers and that street's office are told once.
-- One row per community × category remembers when it was last raised; a pair is raised
-- again only after the window has passed, so a lasting hot spot alerts once a window, and
-- the primary key makes several workers raise it once between them.
create table hot_spot_alerts (
    community_id bigint not null references areas (id),
    category_id bigint not null references categories (id),
    -- the newest open request of the hot spot when it was raised (the notification's link)
    request_id bigint not null references requests (id),
    open integer not null,
    raised_at timestamptz not null default now(),
    primary key (community_id, category_id)
);
