-- Deleting or merging a request checks the requests merged into it (the foreign key); without
-- an index that check reads the whole table. Few requests are merged, so the index is partial.
create index requests_merged_into_id_idx on requests (merged_into_id) where merged_into_id is not null;
