-- The resident's word on each round: was it resolved, how satisfied (1–5), why, a comment.
-- One rating per round; a reopen (重办) starts the next round.
create table ratings (
    id bigint generated always as identity primary key,
    request_id bigint not null references requests (id),
    round integer not null,
    resident_id bigint not null references users (id),
    -- the unit that resolved the round: its resolution and satisfaction count against it
    unit_id bigint references units (id),
    outcome text not null,
    satisfaction smallint not null,
    reasons text[] not null default '{}',
    comment text not null default '',
    created_at timestamptz not null default now(),
    constraint ratings_request_id_round_key unique (request_id, round),
    constraint ratings_outcome_check check (outcome in ('resolved', 'partly', 'not_resolved')),
    constraint ratings_satisfaction_check check (satisfaction between 1 and 5),
    constraint ratings_reasons_check check (reasons <@ array['speed', 'attitude', 'outcome'])
);
create index ratings_unit_id_idx on ratings (unit_id, created_at);

alter table requests add column closed_at timestamptz;

-- The worker closes resolved requests left unrated for 7 days: found through this index.
create index requests_rate_due_idx on requests (resolved_at) where status = 'resolved';
