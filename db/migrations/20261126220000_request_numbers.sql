-- Tracking numbers from a sequence instead of a counter row per day: the row was locked by
-- every filing until it committed, so filings queued behind each other. A sequence hands out
-- numbers without locks (a failed filing leaves a gap). The number is the Beijing day and the
-- sequence modulo 1,000,000, so it stays six digits; the unique constraint on tracking_number
-- would refuse a repeat within one day (a million filings a day). It continues after every
-- number handed out so far, so none of today's can repeat.
create sequence request_numbers;
select setval('request_numbers', coalesce((select max(last_number) from tracking_days), 0) + 1, false);
drop table tracking_days;
