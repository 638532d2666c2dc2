-- 每月一题 grows:
-- - Its task force (专班): the topic's lead unit and co-units, from any area, all post
--   progress, not only the admins. An update records the unit it was posted for (none: an
--   admin's).
-- - A countable target (200,000 homes given property certificates) and what has been reached:
--   an update may say the count so far, and the topic keeps the latest.
-- - The policy documents issued for it: title, issuer, date, and a link or the text.
-- - A city-wide topic names the city as its area (one per category and month, as a district's).
alter table topic_updates add column unit_id bigint references units (id),
    add column result_count bigint,
    add constraint topic_updates_result_check check (result_count is null or result_count >= 0);

alter table topics add column target_count bigint,
    add column target_unit text not null default '',
    add column result_count bigint not null default 0,
    add constraint topics_target_count_check check (
        (target_count is null and target_unit = '')
        or (target_count > 0 and char_length(target_unit) between 1 and 10)),
    add constraint topics_result_count_check check (result_count >= 0);

create table topic_documents (
    id bigint generated always as identity primary key,
    topic_id bigint not null references topics (id),
    title text not null,
    issuer text not null,
    issued_on date not null,
    link text not null default '',
    body text not null default '',
    added_by bigint not null references users (id),
    added_at timestamptz not null default now(),
    constraint topic_documents_title_check check (char_length(title) between 1 and 100),
    constraint topic_documents_issuer_check check (char_length(issuer) between 1 and 60),
    constraint topic_documents_link_check check (
        link = '' or (link ~ '^https?://' and char_length(link) <= 500)),
    constraint topic_documents_body_check check (char_length(body) <= 2000),
    constraint topic_documents_content_check check (link <> '' or body <> '')
);
create index topic_documents_topic_idx on topic_documents (topic_id, issued_on, id);
