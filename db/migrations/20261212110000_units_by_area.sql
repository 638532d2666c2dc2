-- A unit by its area and kind: the street office a filing falls back to when no routing rule
-- matches (db::requests::propose_unit) read every unit (7,916 with the demo data, one per
-- community) on each filing, 0.6 ms of the 2 ms Postgres spent on one (issue 22).
create index units_area_kind_idx on units (area_id, kind);
