-- The public list filtered by a place and a category at once: without these, a rare
-- combination walks the newest requests one by one (200 ms at 1 M requests, measured by
-- scripts/bench/requests.sh); with them it reads only the matching ones.
create index requests_public_district_category_idx
    on requests (district_id, category_id, id desc) where is_public;
create index requests_public_street_category_idx
    on requests (street_id, category_id, id desc) where is_public;
