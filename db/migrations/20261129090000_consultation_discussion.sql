-- Consultations, continued (issue 7): the discussion under a consultation, the requests it
-- was opened from, the progress after its outcome, and live results.

-- Comments, with one level of replies: a reply's parent is a comment of the same
-- consultation that is not itself a reply. `parent_top` is true for a reply and null for a
-- comment, so the foreign key below checks replies only (a null column skips the check).
create table consultation_comments (
    id bigint generated always as identity primary key,
    consultation_id bigint not null references consultations (id),
    parent_id bigint,
    author_id bigint not null references users (id),
    body text not null,
    created_at timestamptz not null default now(),
    -- hidden by a moderator, who says why
    hidden_at timestamptz,
    hidden_by bigint references users (id),
    hidden_reason text,
    top_level boolean not null generated always as (parent_id is null) stored,
    parent_top boolean generated always as (case when parent_id is null then null else true end) stored,
    constraint consultation_comments_one_level_key unique (consultation_id, id, top_level),
    constraint consultation_comments_parent_fkey
        foreign key (consultation_id, parent_id, parent_top)
        references consultation_comments (consultation_id, id, top_level),
    constraint consultation_comments_hidden_check
        check ((hidden_at is null) = (hidden_by is null)
               and (hidden_at is null) = (hidden_reason is null))
);
create index consultation_comments_idx on consultation_comments (consultation_id, id);

-- A resident reports a comment once; moderators see how many have.
create table comment_reports (
    comment_id bigint not null references consultation_comments (id),
    reporter_id bigint not null references users (id),
    created_at timestamptz not null default now(),
    primary key (comment_id, reporter_id)
);

-- The open requests a consultation was opened from; each request's page shows the
-- consultation and, later, its outcome.
create table consultation_requests (
    consultation_id bigint not null references consultations (id),
    request_id bigint not null references requests (id),
    primary key (consultation_id, request_id)
);
create index consultation_requests_request_idx on consultation_requests (request_id);

-- Progress after the outcome, newest first on the page.
create table consultation_updates (
    id bigint generated always as identity primary key,
    consultation_id bigint not null references consultations (id),
    note text not null,
    posted_by bigint not null references users (id),
    created_at timestamptz not null default now()
);
create index consultation_updates_idx on consultation_updates (consultation_id, id desc);

-- Live results: a cast or changed ballot wakes the pages following its consultation, in
-- whichever server process they are (LISTEN jiesu_ballots; the payload is the consultation's
-- id; NOTIFY folds repeats within one transaction).
create function notify_ballot() returns trigger language plpgsql as $$
begin
    perform pg_notify('jiesu_ballots', new.consultation_id::text);
    return null;
end;
$$;

create trigger ballots_notify after insert or update on ballots
    for each row execute function notify_ballot();
