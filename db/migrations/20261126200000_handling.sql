-- Handling (the government's half): who acted for which unit, how a request was closed, when it
-- was answered, the whistle (吹哨) and the report (报到), deadline flags the worker sets once,
-- and the in-app inbox.

-- The unit an event was done for (a handler's unit; a summoned unit's check-in): returns and
-- late check-ins count against it.
alter table request_events add column unit_id bigint references units (id);
create index request_events_unit_id_idx on request_events (unit_id, kind) where unit_id is not null;

alter table requests
    add column dispatched_at timestamptz,
    add column responded_at timestamptz,
    add column resolved_at timestamptz,
    -- how the unit closed its round, with the public explanation in the 'resolved' event
    add column closure_code text,
    -- set once by the worker when a deadline passes unmet (the event says when)
    add column respond_overdue boolean not null default false,
    add column resolve_overdue boolean not null default false,
    add constraint requests_closure_code_check check (
        closure_code in ('resolved', 'partly_resolved', 'not_our_remit', 'answered', 'unreasonable')
    ),
    -- from its dispatch on, a request has a unit
    add constraint requests_dispatched_unit_check check (
        status not in ('dispatched', 'accepted', 'responded', 'in_progress', 'resolved', 'closed')
        or unit_id is not null
    );

-- The intake queue: submitted (and returned) requests, oldest first.
create index requests_intake_idx on requests (created_at, id) where status = 'submitted';
-- A unit's queue, nearest deadline first.
create index requests_unit_queue_idx on requests (unit_id, resolve_by)
    where status in ('dispatched', 'accepted', 'responded', 'in_progress');
-- The worker finds unmet deadlines through these, not by scanning requests.
create index requests_respond_due_idx on requests (respond_by)
    where not respond_overdue and status in ('submitted', 'dispatched', 'accepted');
create index requests_resolve_due_idx on requests (resolve_by)
    where not resolve_overdue and status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress');

-- 吹哨报到: the handling unit summons another unit, which must check in by a deadline and then
-- posts its contribution.
create table summons (
    id bigint generated always as identity primary key,
    request_id bigint not null references requests (id),
    unit_id bigint not null references units (id),
    summoned_by_unit_id bigint not null references units (id),
    summoned_by bigint not null references users (id),
    reason text not null,
    check_in_by timestamptz not null,
    checked_in_at timestamptz,
    checked_in_by bigint references users (id),
    -- set once by the worker when check_in_by passes without a check-in
    overdue boolean not null default false,
    created_at timestamptz not null default now(),
    constraint summons_request_unit_key unique (request_id, unit_id),
    constraint summons_not_self_check check (unit_id <> summoned_by_unit_id),
    constraint summons_reason_check check (char_length(reason) between 1 and 2000),
    constraint summons_check_in_check check ((checked_in_at is null) = (checked_in_by is null))
);
-- A summoned unit's open summons, at the top of its queue.
create index summons_unit_open_idx on summons (unit_id, check_in_by) where checked_in_at is null;
-- The worker's overdue check-ins.
create index summons_due_idx on summons (check_in_by) where checked_in_at is null and not overdue;

-- The in-app inbox: one row per recipient.
create table notifications (
    id bigint generated always as identity primary key,
    user_id bigint not null references users (id),
    request_id bigint references requests (id),
    kind text not null,
    note text not null default '',
    read_at timestamptz,
    created_at timestamptz not null default now()
);
create index notifications_user_idx on notifications (user_id, id desc);
create index notifications_unread_idx on notifications (user_id) where read_at is null;
