-- 每月一题: each month the city takes up the problems residents raise most and are least
-- satisfied with, district by district. An admin publishes a topic for a district and a
-- category (chosen from last month's rollups, see `db::topics::candidates`) with a lead
-- unit, co-units, a target and a deadline, then posts progress updates. Requests of that
-- category (or of its sub-categories) in that district link to the topic.
create table topics (
    id bigint generated always as identity primary key,
    -- the first day of the month it is that month's topic for
    month date not null,
    district_id bigint not null references areas (id),
    category_id bigint not null references categories (id),
    title text not null,
    description text not null,
    target text not null,
    deadline date not null,
    lead_unit_id bigint not null references units (id),
    -- the latest progress update's percentage
    percent smallint not null default 0,
    published_by bigint not null references users (id),
    published_at timestamptz not null default now(),
    constraint topics_month_check check (extract(day from month) = 1),
    constraint topics_percent_check check (percent between 0 and 100),
    constraint topics_deadline_check check (deadline >= month),
    -- one topic per district, category and month
    constraint topics_month_district_category_key unique (month, district_id, category_id)
);
-- A request's topic: the newest for its district and category.
create index topics_district_category_idx on topics (district_id, category_id, month desc);

create table topic_units (
    topic_id bigint not null references topics (id),
    unit_id bigint not null references units (id),
    primary key (topic_id, unit_id)
);

create table topic_updates (
    id bigint generated always as identity primary key,
    topic_id bigint not null references topics (id),
    percent smallint not null,
    note text not null,
    posted_by bigint not null references users (id),
    posted_at timestamptz not null default now(),
    constraint topic_updates_percent_check check (percent between 0 and 100)
);
create index topic_updates_topic_idx on topic_updates (topic_id, id);
