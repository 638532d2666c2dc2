-- A consultation that staff close before its time keeps the time it was meant to close, so its
-- page can say "closed early" (提前截止) instead of a period that ends as it begins.
alter table consultations add column planned_closes_at timestamptz;
