-- Streets rate the departments they summon (赋予街乡权力): once a summoned unit has checked in
-- and posted its part, the unit that blew the whistle rates that part once: arrived (到位),
-- co-operation (配合) and result (效果), 1 to 5 each, with a comment. The department ranking
-- reads the month's ratings of each unit (by when they were given, Asia/Shanghai).
create table summons_ratings (
    summons_id bigint primary key references summons (id),
    arrived smallint not null,
    cooperation smallint not null,
    result smallint not null,
    comment text not null default '',
    rated_by bigint not null references users (id),
    created_at timestamptz not null default now(),
    constraint summons_ratings_scores_check check (
        arrived between 1 and 5 and cooperation between 1 and 5 and result between 1 and 5),
    constraint summons_ratings_comment_check check (char_length(comment) <= 2000)
);
create index summons_ratings_created_at_idx on summons_ratings (created_at);

-- Whether a summoned unit has posted its part (a `contribution` event of that unit on that
-- request): what may be rated. `m.contributed` reads it.
create function contributed(m summons) returns boolean language sql stable as $$
    select exists(select 1 from request_events e
                  where e.request_id = m.request_id and e.kind = 'contribution'
                    and e.unit_id = m.unit_id)
$$;
