-- Ballots are no longer announced by a trigger, one NOTIFY in each ballot's transaction: a
-- transaction that notifies holds Postgres' notification-queue lock through its commit, so
-- every ballot's commit waited for the one before (the ballot benchmark's database half ran
-- about 25 % faster without it). Each server process now announces the consultations that
-- took ballots once a quarter-second, in one statement after those ballots committed
-- (db::consultations::announce_ballots).
drop trigger ballots_notify on ballots;
drop function notify_ballot();
