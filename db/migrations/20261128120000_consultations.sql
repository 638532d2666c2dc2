-- Community consultations (议事厅, issue 7): area staff put a question to the verified
-- residents of their area (a community, a street, a district or the city); residents vote
-- while it is open, may change their ballot until it closes, and every consultation ends with
-- a published outcome. A draft is not public; a published one is open between its opening
-- and closing times and closed after; a decided one has its outcome.
create table consultations (
    id bigint generated always as identity primary key,
    area_id bigint not null references areas (id),
    title text not null,
    background text not null,
    question text not null,
    -- 1: a single choice; more: a multiple choice with this maximum
    max_choices integer not null,
    -- when results show: live, after_vote (to those who voted) or after_close
    results_shown text not null,
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    status text not null default 'draft',
    -- the outcome: what will be done, by whom, by when
    outcome text,
    outcome_by text,
    outcome_due date,
    created_by bigint not null references users (id),
    created_at timestamptz not null default now(),
    decided_at timestamptz,
    constraint consultations_status_check check (status in ('draft', 'published', 'decided')),
    constraint consultations_results_shown_check
        check (results_shown in ('live', 'after_vote', 'after_close')),
    constraint consultations_times_check check (closes_at > opens_at),
    constraint consultations_max_choices_check check (max_choices between 1 and 20),
    constraint consultations_outcome_check
        check ((status = 'decided') = (outcome is not null and outcome_by is not null
                                       and outcome_due is not null and decided_at is not null))
);
create index consultations_area_idx on consultations (area_id, closes_at desc);
create index consultations_public_idx on consultations (closes_at desc) where status <> 'draft';

create table consultation_options (
    id bigint generated always as identity primary key,
    consultation_id bigint not null references consultations (id),
    position smallint not null,
    label text not null,
    -- "abstain": chosen alone
    abstain boolean not null default false,
    constraint consultation_options_position_key unique (consultation_id, position),
    -- a ballot's choice names its consultation with its option (see ballot_choices)
    constraint consultation_options_consultation_id_id_key unique (consultation_id, id)
);

-- One ballot per resident per consultation; changing it replaces its choices.
create table ballots (
    consultation_id bigint not null references consultations (id),
    resident_id bigint not null references users (id),
    cast_at timestamptz not null default now(),
    changed_at timestamptz not null default now(),
    primary key (consultation_id, resident_id)
);

-- An option of another consultation cannot be chosen: the foreign key names both.
create table ballot_choices (
    consultation_id bigint not null,
    resident_id bigint not null,
    option_id bigint not null,
    primary key (consultation_id, resident_id, option_id),
    foreign key (consultation_id, resident_id) references ballots (consultation_id, resident_id)
        on delete cascade,
    foreign key (consultation_id, option_id)
        references consultation_options (consultation_id, id)
);
create index ballot_choices_option_idx on ballot_choices (consultation_id, option_id);

-- Whether area `outer_id` is area `inner_id` or lies above it (areas are at most four deep:
-- city, district, street, community).
create function area_within(outer_id bigint, inner_id bigint) returns boolean
language sql stable as $$
    select exists (
        select 1 from areas a
        left join areas p on p.id = a.parent_id
        left join areas g on g.id = p.parent_id
        where a.id = inner_id and outer_id in (a.id, p.id, g.id, g.parent_id))
$$;
