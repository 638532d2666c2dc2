-- Hot spots (未诉先办): the open requests of the last days, grouped by community and category,
-- are read through this index instead of the whole table.
create index requests_open_created_at_idx on requests (created_at)
    where status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress');
